"""Words of an article as the matcher sees them: where they are, and how a quote lines up."""

from glossator.anchoring.words import WordIndex, align, respelt, split_words, word_key

TEXT = "The talks resumed in Doha on Saturday, the eighth round-officials said-of talks."


def test_a_dash_without_spaces_separates_two_words():
    # the index splits normalised text, where every dash is "-"
    assert split_words("round-officials said") == ["round-", "officials", "said"]


def test_word_keys_ignore_case_and_edge_punctuation():
    assert word_key("Saturday,") == "saturday"
    assert word_key("“Doha”") == "“doha”"  # curly quotes are normalised before, not here
    assert word_key("...") == "..."  # a mark alone stays itself


def test_find_returns_every_occurrence_and_respects_the_limit():
    index = WordIndex(TEXT)
    assert index.find("talks") == [4, TEXT.rindex("talks")]
    assert index.find("talks", limit=1) == [4]
    assert index.find("in Doha on Saturday,") == [TEXT.index("in Doha")]
    assert index.find("in Doha on Sunday") == []


def test_find_never_matches_inside_a_longer_word():
    index = WordIndex("an outtalks talks here")
    assert index.find("talks here") == [len("an outtalks ")]


def test_seeds_vote_for_the_place_where_the_quote_words_stand():
    index = WordIndex(TEXT)
    words = split_words("the eighth round-officials")
    votes = index.seeds(words)
    best = max(votes, key=votes.get)
    assert index.words[best : best + len(words)] == words


def test_respelt_words_are_typos_not_other_words():
    assert respelt("najibollah", "najibullah")
    assert respelt("recieve", "receive")
    assert not respelt("five", "four")
    assert not respelt("war", "was")  # too short to tell a typo from another word


def test_align_keeps_a_word_inserted_inside_the_passage():
    quote = split_words("resumed in Doha on Saturday")
    words = split_words("The talks resumed again in Doha on Saturday, the")
    aligned = align(quote, words)
    assert (words[aligned.first], words[aligned.last]) == ("resumed", "Saturday,")
    assert aligned.replaced == 0


def test_align_counts_a_word_replaced_by_another():
    quote = split_words("the eighth round of talks")
    words = split_words("then the ninth round of talks began")
    aligned = align(quote, words)
    assert aligned.replaced == 1
    assert (words[aligned.first], words[aligned.last]) == ("the", "talks")


def test_align_marks_every_word_of_an_unrelated_passage_as_replaced():
    aligned = align(split_words("entirely different"), split_words("nothing alike here"))
    assert aligned.replaced == 2  # what approximate search refuses without other evidence


def test_align_needs_words_on_both_sides():
    assert align([], split_words("some words")) is None
    assert align(split_words("some words"), []) is None
