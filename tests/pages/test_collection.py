"""Collections from the model: groups, order, pages and the light home page (pure functions)."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossator.load.seeds import read_sidecar
from glossator.model import Article, Edition, Paragraph, topic_slug
from glossator.pages.article import render_article
from glossator.pages.collection import (
    PUBLICATION,
    TOPIC,
    UNDATED,
    YEAR,
    groups,
    insert_after_byline,
    newest_first,
    render_article_ways,
    render_group_page,
    render_index,
    render_prev_next,
)
from glossator.pages.listing import NEWEST_ON_HOME, WAYS_ON_HOME, render_listing


def art(slug, published="", publication="", tags=(), title=None):
    return Article(
        slug=slug,
        title=title or slug.title(),
        paragraphs=[Paragraph(1, 0, "Text.")],
        published=published,
        publication=publication,
        tags=tuple(tags),
    )


def edition(*articles):
    return Edition(articles={a.slug: a for a in articles})


def link(uri):
    return "/" + uri


def test_newest_first_puts_days_before_bare_months_and_undated_last():
    e = edition(
        art("b", "2019"),
        art("a", "2019-08"),
        art("c", "2019-08-03"),
        art("d", "2020-01-01"),
        art("u"),
        art("t", "2019-08", title="Aardvark"),
    )
    assert [a.slug for a in newest_first(e)] == ["d", "c", "a", "t", "b", "u"]  # "A" < "Aardvark"


def test_groups_by_year_publication_and_topic_merge_spellings():
    e = edition(
        art("one", "2019-01", "The Paper", ["Peace talks", "Elections"]),
        art("two", "2018-05", "the paper", ["peace-talks"]),
        art("three", "", "Other", ["Peace Talks"]),
    )
    g = groups(e)
    assert [(x.key, x.slugs) for x in g[YEAR]] == [
        ("2019", ("one",)),
        ("2018", ("two",)),
        (UNDATED, ("three",)),
    ]
    papers = {x.key: x for x in g[PUBLICATION]}
    assert papers["the-paper"].slugs == ("one", "two")
    topics = {x.key: x for x in g[TOPIC]}
    assert topics["peace-talks"].slugs == ("one", "two", "three")
    assert topics["peace-talks"].name == "Peace talks"  # the newest article's spelling on a tie
    assert topics["peace-talks"].uri == "topics/peace-talks/"
    assert topics["peace-talks"].title() == "Topic: Peace talks"


def test_topic_slugs_keep_letters_of_any_script():
    assert topic_slug("Élections – 2019") == "élections-2019"
    assert topic_slug("!!!") == ""


def test_group_page_and_index_list_articles_with_escaped_text():
    e = edition(art("x", "2019-02", "<b>Paper</b>", title="<script>T</script>"))
    g = groups(e)
    page = render_group_page(g[PUBLICATION][0], e, link)
    assert "<script>" not in page and "&lt;script&gt;T&lt;/script&gt;" in page
    assert 'href="/x/"' in page
    index = render_index(e, g, link)
    assert '<h2 id="y-2019">' in index
    assert 'class="glossator-count"' not in index  # an article without notes: no "0" badges


def test_home_page_stays_small_at_a_thousand_articles():
    many = [
        art(f"a{n:04d}", f"{2000 + n % 25}-01-01", f"Paper {n % 60}", [f"Topic {n % 80}"])
        for n in range(1000)
    ]
    e = edition(*many)
    home = render_listing(e, groups(e), link)
    assert len(home.encode()) < 40_000
    assert home.count('class="glossator-item"') == NEWEST_ON_HOME
    assert "All 60 publications" in home and "All 80 topics" in home
    assert home.count("/publications/paper-") == WAYS_ON_HOME


def test_article_ways_and_neighbours_link_to_their_pages():
    a = art("x", "2019-02", "The Paper", ["Peace talks"])
    ways = render_article_ways(a, link)
    for href in ("/publications/the-paper/", "/years/2019/", "/topics/peace-talks/", "/articles/"):
        assert f'href="{href}"' in ways
    nav = render_prev_next(art("n"), None, link)
    assert 'rel="prev" href="/n/"' in nav and 'rel="next"' not in nav
    assert render_prev_next(None, None, link) == ""


def test_ways_go_right_after_the_byline_of_a_rendered_article():
    a = art("x", "2019-02", "The Paper")
    page = insert_after_byline(render_article(a, []), "<nav>WAYS</nav>")
    assert (
        page.index("glossator-byline")
        < page.index("<nav>WAYS</nav>")
        < page.index("glossator-counts")
    )
    bare = insert_after_byline(render_article(art("y"), []), "<nav>WAYS</nav>")
    assert bare.index("</h1>") < bare.index("<nav>WAYS</nav>")


def test_sidecar_tags_are_validated_with_positions(tmp_path: Path):
    good = tmp_path / "good.yml"
    good.write_text("tags: [Elections, Peace talks]\n")
    meta, problems = read_sidecar(good, "seeds/good.yml")
    assert meta["tags"] == ("Elections", "Peace talks") and problems == []
    bad = tmp_path / "bad.yml"
    bad.write_text("tags:\n  - Elections\n  - elections\n  - '!!!'\n  - [nested]\n")
    meta, problems = read_sidecar(bad, "seeds/bad.yml")
    assert meta["tags"] == ("Elections",)
    assert [(p.line, p.message.split(" ")[0]) for p in problems] == [
        (3, "tag"),
        (4, "a"),
        (5, "a"),
    ]
    text = tmp_path / "text.yml"
    text.write_text("tags: Elections\n")
    _, problems = read_sidecar(text, "seeds/text.yml")
    assert problems[0].format().startswith("seeds/text.yml:1:7: error: 'tags' must be a list")


def test_count_badges_are_worded_by_number_and_absent_at_zero():
    from types import SimpleNamespace

    from glossator.pages.article import render_counts

    notes = [SimpleNamespace(kind=k) for k in ("source", "context", "context", "source", "source")]
    badges = render_counts(notes)
    assert ">2 contexts<" in badges and ">3 sources<" in badges and "counterpoint" not in badges
    assert ">1 source<" in render_counts(notes[:1])


def test_the_home_page_of_one_article_does_not_say_all_1_article():
    home = render_listing(edition(art("x", "2019-02")), groups(edition(art("x", "2019-02"))), link)
    assert ">All articles</a>" in home and "All 1" not in home
    two = edition(art("x", "2019-02"), art("y", "2019-03"))
    assert ">All 2 articles</a>" in render_listing(two, groups(two), link)


@pytest.mark.parametrize("directory_urls", [True, False])
def test_links_between_collection_pages_lead_where_the_pages_are_served(directory_urls):
    """Every page links every other by a relative URL that resolves to where it is served."""
    from urllib.parse import urljoin

    from glossator.pages.collection import relative_link

    uris = ["index.md", "articles/index.md", "topics/peace-talks/index.md", "doha-2019.md"]

    def served(src: str) -> str:
        if not directory_urls:
            return src[:-3] + ".html"
        stem = src[:-3].removesuffix("index").rstrip("/")
        return f"{stem}/" if stem else "./"  # MkDocs serves the home page at "./"

    urls = {u: served(u) for u in uris}
    by_uri = {u[:-3].removesuffix("index"): u for u in uris}
    for here in urls.values():
        link = relative_link(here, lambda src: urls.get(src))
        for uri, src in by_uri.items():
            target = urls[src]
            got = urljoin(f"https://example.org/pub/{here}", link(uri))
            want = urljoin("https://example.org/pub/", target)
            assert got.rstrip("/") == want.rstrip("/"), (here, uri, got)
