"""Search: the records Pagefind indexes (or material's lunr entries) and the indexer run.

Records are built from the edition, not scraped from the pages.
"""
