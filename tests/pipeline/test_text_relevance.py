"""HTML to text, and the cheap crawl filter."""

from __future__ import annotations

from pipeline.relevance import is_relevant
from pipeline.text import clean_string, html_to_text, looks_like_html


def test_list_items_and_blocks_get_their_own_lines():
    text = html_to_text("<h3>Requirements</h3><ul><li>CMA</li><li>BLS</li></ul><p>Pay</p>")
    assert text.splitlines() == ["Requirements", "", "- CMA", "", "- BLS", "", "Pay"]


def test_escaped_html_is_unescaped_once():
    assert html_to_text("&lt;p&gt;CMA &amp;amp; BLS&lt;/p&gt;") == "CMA & BLS"


def test_entities_and_table_cells():
    assert html_to_text("<table><tr><td>Pay</td><td>&#36;18&ndash;&#36;22/hr</td></tr></table>") == "Pay | $18–$22/hr"


def test_scripts_and_styles_are_dropped():
    assert html_to_text("<style>p{}</style><script>var cma=1</script><p>Hello</p>") == "Hello"


def test_relevance_keeps_ma_and_adjacent_titles_and_drops_others():
    assert is_relevant("Medical Assistant", "")
    assert is_relevant("Clinical Team Lead", "")
    assert is_relevant("Patient Care Coordinator", "Our medical assistant team...")
    assert not is_relevant("Software Engineer", "Build our APIs.")
    assert not is_relevant("Warehouse Associate", "")


def test_relevance_ignores_ma_words_in_the_text_of_a_non_care_title():
    assert not is_relevant("Software Engineer", "Room patients. CMA or RMA required.")
    assert is_relevant("Clinic Associate", "Room patients. CMA or RMA required.")


def test_block_tags_become_breaks_dashes_and_bars_whatever_their_case_and_attributes():
    markup = '<UL class="x"><LI id=1>CMA</Li><li >BLS</li></ul><table><TR><TD align=left>Pay</td><th>$18</TH></tr></table>'
    assert html_to_text(markup).splitlines() == ["- CMA", "", "- BLS", "", "Pay | $18"]


def test_double_spaces_tabs_and_no_break_spaces_fold_to_one_space():
    assert html_to_text("<p>CMA  or\tRMA\u00a0 required</p>") == "CMA or RMA required"


def test_html_is_told_from_plain_text_by_tags_escaped_tags_and_entities():
    assert looks_like_html("<p>CMA required</p>")
    assert looks_like_html("&lt;p&gt;CMA required&lt;/p&gt;")
    assert looks_like_html("Dermatology &amp; Skin Surgery")
    assert looks_like_html("Pay &#36;22 an hour")
    assert not looks_like_html("Dermatology & Skin Surgery; ages < 5 seen")
    assert not looks_like_html("Pay $22 & up > $20")
    assert not looks_like_html("")


def test_clean_string_replaces_lone_surrogates_and_nul_bytes_and_keeps_the_rest():
    assert clean_string("CMA\ud800 required\x00") == "CMA? required "
    assert clean_string("Café • 2–3 years ’") == "Café • 2–3 years ’"
    assert clean_string(b"caf\xc3\xa9 \xff") == "café \ufffd"
    assert clean_string(None) == "" and clean_string(22) == "22"
