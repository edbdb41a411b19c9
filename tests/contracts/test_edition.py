"""The published edition itself: complete, sourced and clean."""

import re
from pathlib import Path

import pytest

from glossator.pipeline.edition import load_edition

# the project folder, wherever this file sits below it
REPO = next(p for p in Path(__file__).resolve().parents if (p / "mkdocs.yml").exists())


@pytest.fixture(scope="module")
def edition():
    return load_edition(REPO)


def test_edition_has_no_problems(edition):
    assert [p.format() for p in edition.problems] == []


def test_every_paragraph_of_every_article_has_a_note(edition):
    for slug, article in edition.articles.items():
        covered = {n.paragraph for n in edition.notes.get(slug, [])}
        for n in edition.notes.get(slug, []):  # a passage crossing a break covers both
            covered |= {article.paragraph_at(n.end - 1).number}
        missing = [p.number for p in article.paragraphs if p.number not in covered]
        assert missing == [], f"{slug}: paragraphs without a note: {missing}"


def test_counterpoint_and_source_notes_cite_titled_dated_sources(edition):
    for note in edition.all_notes():
        a = note.annotation
        if a.kind in ("counterpoint", "source"):
            assert a.sources, a.path
            assert any(s.title and s.publisher and s.date for s in a.sources), a.path


def test_all_three_kinds_are_used(edition):
    assert {n.kind for n in edition.all_notes()} == {"context", "counterpoint", "source"}


def test_every_annotation_file_became_a_note(edition):
    files = list((REPO / "annotations").rglob("*.yml"))
    assert len(files) == len(edition.all_notes())


# Density and sourcing rules of the edition (issues 12 and 23). They guard the published text:
# an edit that breaks one of them should be argued for in review, not slipped in. Words are
# counted as runs of \w characters (the count the reviews use), so "2,977" is two words and a
# note link such as [Doha](#doha-agreement-2020) counts its target too.

MIN_NOTES, MAX_NOTES = 24, 30
MAX_BODY_WORDS_TOTAL = 1800
MAX_BODY_WORDS_NOTE = 100
MAX_SOURCES_PER_NOTE = 4
MAX_HIGHLIGHTED_SHARE = 0.5  # of an article's characters inside a note's passage
MAX_UNDATED_SHARE = 0.10  # of source entries; give encyclopaedias a revision or access date

# Official addresses the research notes could not confirm: cite those documents without a URL.
UNCONFIRMED_URLS = (
    "https://www.9-11commission.gov/report/911Report.pdf",
    "https://www.gov.uk/government/publications/the-report-of-the-iraq-inquiry",
    "https://georgewbush-whitehouse.archives.gov/news/releases/2001/09/20010920-8.html",
    "https://www.state.gov/wp-content/uploads/2020/02/Agreement-For-Bringing-Peace-to-Afghanistan-02.29.20.pdf",
    "https://www.sigar.mil/pdf/lessonslearned/SIGAR-21-46-LL.pdf",
    "https://en.wikipedia.org/wiki/Killing_of_Osama_bin_Laden",
    "https://en.wikipedia.org/wiki/2021_Kabul_airport_attack",
)

# A description standing in for a headline must be bracketed: "[Report on …]".
DESCRIPTIVE_TITLE_RE = re.compile(
    r"^(report|analysis|account|coverage|live coverage|statement|summary|timeline|article)\b",
    re.IGNORECASE,
)


WORD_RE = re.compile(r"\w+")


def words(text):
    return len(WORD_RE.findall(text))


def all_sources(edition):
    return [(n.annotation, s) for n in edition.all_notes() for s in n.annotation.sources]


def test_note_count_is_within_the_edition_range(edition):
    assert MIN_NOTES <= len(edition.all_notes()) <= MAX_NOTES


def test_note_bodies_fit_the_word_budget(edition):
    total = sum(words(n.annotation.body) for n in edition.all_notes())
    assert total <= MAX_BODY_WORDS_TOTAL, total


def test_no_note_body_is_too_long(edition):
    long = {n.annotation.id: words(n.annotation.body) for n in edition.all_notes()}
    assert {k: v for k, v in long.items() if v > MAX_BODY_WORDS_NOTE} == {}


def test_every_source_has_a_title_and_a_publisher(edition):
    for a, s in all_sources(edition):
        assert s.title.strip() and s.publisher.strip(), (a.path, s)


def test_descriptive_source_titles_are_bracketed(edition):
    for a, s in all_sources(edition):
        title = s.title.strip()
        if not title.startswith("["):
            assert not DESCRIPTIVE_TITLE_RE.match(title), (a.path, title)
        else:
            assert title.endswith("]"), (a.path, title)


def test_unconfirmed_official_addresses_are_not_linked(edition):
    for a, s in all_sources(edition):
        assert s.url not in UNCONFIRMED_URLS, (a.path, s.url)
        assert s.archive_url not in UNCONFIRMED_URLS, (a.path, s.archive_url)


def test_syndicated_copies_name_the_agency_and_the_outlet(edition):
    # a wire story read on another site: "Reuters (via The Hindu)", never the outlet alone
    for a, s in all_sources(edition):
        if "thehindu.com" in s.url or "voanews.com/south-central-asia/most-crucial" in s.url:
            assert s.publisher.startswith("Reuters (via "), (a.path, s.publisher)
        if "thenews.com.pk" in s.url:  # The News International prints AFP copy
            assert s.publisher.startswith("AFP (via "), (a.path, s.publisher)
        if "bnnbloomberg.ca" in s.url:
            assert s.publisher == "Bloomberg (via BNN Bloomberg)", (a.path, s.publisher)


def test_headlines_are_quoted_as_published(edition):
    known = {
        "https://www.voanews.com/south-central-asia/most-crucial-round-us-taliban-talks-start-doha": "‘Most Crucial’ Round of US-Taliban Talks to Start in Doha",
        "https://thehill.com/policy/defense/458144-trump-says-he-could-win-afghanistan-war-in-a-week-without-using-nuclear/": "Trump asserts he could win Afghanistan war ‘in a week’ without ‘using nuclear’",
        # issue 23: titles that had been paraphrased or hidden behind a bracketed description
        "https://www.realclearpolitics.com/video/2015/03/16/obama_isis_unintended_consequence_of_invading_iraq_which_is_why_we_should_aim_before_we_shoot.html": 'Obama: ISIS "Unintended Consequence" Of Invading Iraq, "Which Is Why We Should Aim Before We Shoot"',
        "https://www.theguardian.com/uk-news/video/2015/oct/25/moment-tony-blair-apologises-iraq-war-mistakes-video": "The moment Tony Blair apologises for Iraq war mistakes – video",
        "https://www.washingtonpost.com/video/world/fast-moving-taliban-fighters-take-kabul-trigger-afghan-government-collapse/2021/08/15/1c6cac6f-1b2c-4aaa-9916-d6b7c64851a5_video.html": "Fast-moving Taliban fighters take Kabul, trigger Afghan government collapse",
        "https://www.iraqbodycount.org/analysis/numbers/2019/": "Iraq in 2019: Calls for a ‘True Homeland’ met with deadly violence",
        "https://www.irishtimes.com/news/ex-president-hanged-by-taliban-after-fall-of-kabul-1.90501": "Ex president hanged by Taliban after fall of Kabul",
        "https://themedialine.org/mideast-daily-news/afghanistan-taliban-talks-get-underway-in-doha/print/": "Afghanistan-Taliban Talks Get Underway in Doha",
        "https://www.politico.com/story/2017/06/13/jim-mattis-not-winning-afghanistan-239488": "Mattis: ‘We are not winning in Afghanistan’",
        "https://www.independent.co.uk/news/world/asia/trump-afghanistan-war-kabul-us-troops-middle-east-a9016686.html": "Trump says he could wipe Afghanistan ‘off face of Earth and kill 10 million people’, but he doesn’t want to",
        "https://www.nationthailand.com/international/40004832": "Taliban holds 1st press conference since takeover of Kabul",
        "https://www.bbc.com/news/uk-15188729": "UK military deaths in Afghanistan: How they died",
    }
    seen = set()
    for a, s in all_sources(edition):
        if s.url in known:
            assert s.title == known[s.url], (a.path, s.title)
            seen.add(s.url)
    assert seen == set(known)


def test_the_ceasefire_note_says_no_permanent_ceasefire(edition):
    notes = [n.annotation for n in edition.all_notes()]
    ceasefire = [a for a in notes if "a ceasefire will not take place" in a.quote]
    assert len(ceasefire) == 1
    text = f"{ceasefire[0].title} {ceasefire[0].body}"
    assert "permanent" in text
    assert "Eid" in text  # the short truces of 2018 and 2020 are part of the record
    for a in notes:  # the corrected error must not come back anywhere
        assert "nationwide ceasefire was agreed" not in f"{a.title} {a.body}".lower(), a.path


def test_uncredited_wire_copy_is_pointed_out_in_one_note(edition):
    crediting = [n.annotation.id for n in edition.all_notes() if "credit" in n.annotation.body]
    assert len(crediting) == 1, crediting


def test_corrected_statements_stay_corrected(edition):
    bodies = {
        n.annotation.id: f"{n.annotation.title} {n.annotation.body}" for n in edition.all_notes()
    }
    for note_id, text in bodies.items():
        assert "still a forecast" not in text, note_id
        assert "58,000" not in text, note_id  # deaths are no measure of a strategic defeat
        assert "endless wars" not in text, note_id  # no source for it in the research notes
        assert "totally conventional" not in text, note_id  # not verified in any source
        assert "central sticking point" not in text, note_id  # one commander's claim in Reuters


# Issue 23: the third review's rules and corrections.

NOTE_LINK_RE = re.compile(r"\]\(#([^)]+)\)")
# Where an official document was read in a repository copy, the copy is its archive_url.
REPOSITORY_HOSTS = ("ibiblio.org", "gnu-designs.com", "everycrsreport.com", "irp.fas.org")
# Sources too weak to carry a fact (a Sputnik text for a quotation, a foundation's summary
# standing in for the official toll).
WEAK_PUBLISHERS = ("Sputnik", "A-Mark")


def notes_by_id(edition):
    return {n.annotation.id: n.annotation for n in edition.all_notes()}


def flat(text):
    return " ".join(text.split())  # a note's lines are wrapped anywhere


def text_of(a):
    return flat(f"{a.title} {a.body}")


def test_no_note_cites_more_sources_than_the_limit(edition):
    many = {a.id: len(a.sources) for a in notes_by_id(edition).values()}
    assert {k: v for k, v in many.items() if v > MAX_SOURCES_PER_NOTE} == {}


def highlighted_share(edition, slug):
    body = edition.articles[slug].body
    covered = set()
    for n in edition.notes.get(slug, []):
        covered.update(range(n.start, n.end))
    return len(covered) / len(body)


def test_at_most_half_of_each_article_is_highlighted(edition):
    for slug in edition.articles:
        assert highlighted_share(edition, slug) <= MAX_HIGHLIGHTED_SHARE, slug


def test_few_sources_are_undated(edition):
    sources = all_sources(edition)
    undated = [(a.id, s.title) for a, s in sources if not s.date]
    assert len(undated) <= MAX_UNDATED_SHARE * len(sources), undated


def test_links_between_notes_point_at_notes_or_paragraphs(edition):
    ids = set(notes_by_id(edition))
    for a in notes_by_id(edition).values():
        for target in NOTE_LINK_RE.findall(a.body):
            assert target in ids or re.fullmatch(r"p\d+", target), (a.id, target)


def test_each_aftermath_fact_is_stated_once_and_linked_from_the_others(edition):
    notes = notes_by_id(edition)
    homes = {  # the fact as the note that states it words it: that note's id
        "30 August": "us-uk-withdrawal-2021",
        "15 August": "puppet-government",
        "14 months": "doha-agreement-2020",  # the Doha terms
    }
    for fact, home in homes.items():
        stating = sorted(i for i, a in notes.items() if fact in text_of(a))
        assert stating == [home], (fact, stating)
    for i, a in notes.items():  # the others point at the note that states it
        body = flat(a.body)
        if i != "doha-agreement-2020" and "Doha Agreement" in body:
            assert "(#doha-agreement-2020)" in body, i
        if i != "puppet-government" and re.search(r"(took|fall of) Kabul", body):
            assert "(#puppet-government)" in body or "2001" in body, i


def test_no_word_is_split_across_lines_of_a_body(edition):
    # a line ending inside a hyphenated word ("al-" then "Qaeda") is shown as "al- Qaeda"
    for a in notes_by_id(edition).values():
        assert not re.search(r"\w-\n", a.body), a.id


def test_repository_copies_are_archived_links_not_the_source(edition):
    for a, s in all_sources(edition):
        assert not any(host in s.url for host in REPOSITORY_HOSTS), (a.id, s.url)


def test_weak_sources_carry_no_fact(edition):
    for a, s in all_sources(edition):
        assert not any(w in s.publisher for w in WEAK_PUBLISHERS), (a.id, s.publisher)


def test_crs_report_is_cited_by_its_full_title(edition):
    crs = [s for _, s in all_sources(edition) if s.publisher.startswith("Congressional Research")]
    assert crs
    for s in crs:
        assert s.title == "Afghanistan: Background and U.S. Policy: In Brief", s.title


def test_issue_23_corrections_stay_corrected(edition):
    notes = notes_by_id(edition)
    everything = " ".join(text_of(a) for a in notes.values())
    # wrong: Afghan deaths far exceed "tens of thousands"; Iraq ended its nuclear programme in 1991
    assert "tens of thousands" not in text_of(notes["war-casualties"])
    assert "after that year" not in everything
    # unsupported or mislabelled figures: the BBC page counts 456; 2,456 is not SIGAR's figure
    assert "457" not in everything and "2,456" not in everything
    assert "SIGAR counted 2,443 US" in flat(notes["war-casualties"].body)
    # quotations: the article's words, and Obama's as the RealClearPolitics transcript has them
    assert '"destroyed as a modern state' not in everything
    assert '"destroyed Iraq as a modern state"' in flat(notes["iraq-invasion-2003"].body)
    obama = "ISIL is direct outgrowth of al Qaeda in Iraq which grew out of our invasion"
    assert obama in flat(notes["isis-origins"].body)
    # imprecise: no usage ruling on "hanged" for a body strung up after death; Mujahid spoke
    # for the movement in August 2021, before any government was formed
    assert "For an execution" not in everything
    assert "new government" not in text_of(notes["taliban-spokesmen"])
    assert notes["september-deadline"].kind == "context"
    assert "by all sides" in notes["iraq-invasion-2003"].title
    assert "No US statement" in notes["iran-claim"].title
    # balance: occupation is contested, and the top US officer's verdict is given, sourced
    assert "the article's framing" not in everything
    assert "contested" in flat(notes["war-casualties"].body)
    assert "struck more than" not in notes["september-11-attacks"].title
    milley = [
        a for a in notes.values() if "Milley" in a.body and '"strategic failure"' in flat(a.body)
    ]
    assert len(milley) == 1
    assert any(s.date == "2021-09-28" for s in milley[0].sources)


def test_the_truces_and_the_airport_toll_are_sourced(edition):
    notes = notes_by_id(edition)
    truce_dates = {s.date[:7] for s in notes["ceasefire-position"].sources}
    assert {"2018-06", "2020-05", "2020-07", "2021-05"} <= truce_dates
    airport = notes["us-uk-withdrawal-2021"]
    assert "170 Afghan" in flat(airport.body)
    assert all(s.publisher != "Wikipedia" for s in airport.sources)


def edition_figures(edition):
    """The numbers the rules above hold, per edition (printed by running this file)."""
    notes = list(notes_by_id(edition).values())
    sources = all_sources(edition)
    counts = {a.id: words(a.body) for a in notes}
    return {
        "notes": len(notes),
        "body words (\\w+), total": sum(counts.values()),
        "body words, longest note": max(counts.items(), key=lambda kv: kv[1]),
        "highlighted share": {
            slug: round(highlighted_share(edition, slug), 3) for slug in edition.articles
        },
        "sources": len(sources),
        "undated sources": sum(1 for _, s in sources if not s.date),
        "undated share": round(sum(1 for _, s in sources if not s.date) / len(sources), 3),
        "most sources in a note": max(len(a.sources) for a in notes),
    }


if __name__ == "__main__":  # python tests/test_edition.py: the edition's figures
    for name, value in edition_figures(load_edition(REPO)).items():
        print(f"{name}: {value}")
