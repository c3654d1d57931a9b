"""pipeline.lexicon reads each credential's name, label and MA flag from certifications.toml, once per code."""

from __future__ import annotations

import pytest

from pipeline import lexicon
from pipeline.lexicon import Credential, VocabularyError, credentials_from


def test_a_code_with_several_blocks_takes_each_field_from_whichever_block_states_it():
    data = {"term": [
        {"id": "CMA", "aliases": ["CMA"], "name": "Certified Medical Assistant (AAMA)", "ma": True},
        {"id": "BLS", "aliases": ["BLS"], "name": "Basic Life Support"},
        {"id": "CMA", "aliases": ["American Association of Medical Assistants"], "label": "CMA (AAMA)"},
    ]}
    assert credentials_from(data) == {
        "CMA": Credential("CMA", "Certified Medical Assistant (AAMA)", "CMA (AAMA)", ma=True),
        "BLS": Credential("BLS", "Basic Life Support", "BLS"),
    }


def test_two_blocks_that_name_a_code_differently_are_an_error_naming_the_code_and_both_names():
    data = {"term": [{"id": "RMA", "aliases": ["RMA"], "name": "Registered Medical Assistant (AMT)", "ma": True},
                     {"id": "RMA", "aliases": ["AMT certified"], "name": "Registered MA"}]}
    with pytest.raises(VocabularyError, match=r"certifications.toml: RMA has two different names: "
                                              r"'Registered Medical Assistant \(AMT\)' and 'Registered MA'"):
        credentials_from(data)


def test_two_blocks_that_disagree_on_whether_a_code_is_an_ma_credential_are_an_error():
    data = {"term": [{"id": "CCMA", "aliases": ["CCMA"], "name": "Certified Clinical MA (NHA)", "ma": True},
                     {"id": "CCMA", "aliases": ["NHA certified"], "ma": False}]}
    with pytest.raises(VocabularyError, match="CCMA has two different mas"):
        credentials_from(data)


def test_a_code_that_no_block_names_is_an_error_that_says_what_to_add():
    data = {"term": [{"id": "NCMA", "aliases": ["NCMA"], "ma": True}, {"id": "NCMA", "aliases": ["NCCT certified"]}]}
    with pytest.raises(VocabularyError, match=r'NCMA has no name; add name = "\.\.\." to one of its \[\[term\]\] blocks'):
        credentials_from(data)


def test_the_shipped_vocabulary_names_every_credential_code_it_tags():
    codes = {term.id for term in lexicon.terms() if term.dimension == "certifications"}
    found = lexicon.credentials()
    assert set(found) == codes
    assert all(credential.name.strip() and credential.label.strip() for credential in found.values())


def test_the_ma_credentials_are_the_codes_marked_ma_and_not_cpr_phlebotomy_or_coding():
    ma = lexicon.ma_credentials()
    assert {"CMA", "RMA", "CCMA", "NCMA", "NRCMA", "CMAC", "CMAA", "WA_MA_C", "MA_ANY"} == set(ma)
    assert ma == tuple(code for code, credential in lexicon.credentials().items() if credential.ma)
    assert lexicon.credentials()["CMAA"].administrative and not lexicon.credentials()["CMA"].administrative


def test_the_vocabulary_version_changes_with_any_files_content_even_without_a_version_bump(tmp_path, monkeypatch):
    import shutil

    from pipeline import lexicon

    copy = tmp_path / "vocabulary"
    shutil.copytree(lexicon.VOCABULARY, copy)
    monkeypatch.setattr(lexicon, "VOCABULARY", copy)
    before = lexicon.vocabulary_version()
    ehr = copy / "ehr.toml"
    ehr.write_text(ehr.read_text(encoding="utf-8").replace('"Epic EHR"', '"Epic EHR", "Epic EMR system"'), encoding="utf-8")
    assert lexicon.vocabulary_version() != before
