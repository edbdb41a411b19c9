from glossator.cli import main

raise SystemExit(main())
