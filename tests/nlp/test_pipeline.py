import pytest

pytest.importorskip("spacy")
pytest.importorskip("underthesea")

from thpl_nlp.nlp.pipeline import (  # noqa: E402
    AnalysisCache,
    analyze,
    config_text,
    load_from_disk,
    load_pipeline,
    text_key,
)

TEXT = (
    "Căn cứ Nghị định số 43/2014/NĐ-CP ngày 15 tháng 5 năm 2014 của Chính phủ quy định chi tiết;\n"
    "Điều 4. Thời hạn giải quyết\n"
    "1. Sở Xây dựng phải cấp giấy phép trong thời hạn không quá 30 ngày kể từ ngày nhận đủ hồ sơ "
    "theo khoản 2 Điều 5 Quy định này; lệ phí 150.000 đồng; diện tích trên 200 m2 hoặc 5%.\n"
    "2. Nghiêm cấm thu thêm phí."
)


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def test_pipeline_is_built_from_the_packaged_config(nlp) -> None:
    cfg = config_text()
    assert '@tokenizers = "thpl.vi_tokenizer.v1"' in cfg
    assert nlp.pipe_names == [
        "legal_refs",
        "pointers",
        "quantities",
        "agencies",
        "procedure",
        "modality",
    ]
    assert load_pipeline() is nlp  # cached
    meta = {name: nlp.get_pipe_meta(name) for name in nlp.pipe_names}
    assert meta["legal_refs"].factory == "thpl_legal_refs_v1"
    assert "doc._.thpl_refs" in meta["legal_refs"].assigns
    assert "doc._.thpl_refs" in meta["pointers"].requires


def test_components_fill_span_groups_and_extensions(nlp) -> None:
    doc = nlp(TEXT)
    assert doc.text == TEXT
    assert [s.text for s in doc.spans["legal_refs"]][0].startswith("Nghị định số 43/2014/NĐ-CP")
    assert doc._.thpl_refs[0]["number"] == "43/2014/NĐ-CP"
    assert doc._.thpl_pointers[0]["eids"] == ["att_1__art_5__para_2"]
    q = doc._.thpl_quantities
    assert q["durations"][0]["value"] == 30 and q["money"][0]["amount"] == 150_000
    assert q["areas"][0]["square_meters"] == 200 and q["percentages"][0]["value"] == 5
    assert q["dates"][0]["value"] == "2014-05-15"
    assert {s.label_ for s in doc.spans["clauses"]} == {"obligation", "prohibition"}
    assert any(a["agency"] == "Sở Xây dựng" for a in doc._.thpl_agencies)
    assert {c["kind"] for c in doc._.thpl_procedure} >= {"deadline", "charge"}


def test_docs_and_pipeline_serialise(nlp, tmp_path) -> None:
    from spacy.tokens import Doc

    doc = nlp(TEXT)
    back = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert back.text == TEXT and back._.thpl_refs == doc._.thpl_refs
    assert [s.text for s in back.spans["pointers"]] == [s.text for s in doc.spans["pointers"]]
    nlp.to_disk(tmp_path / "pipe")
    again = load_from_disk(tmp_path / "pipe")
    assert again.pipe_names == nlp.pipe_names
    assert again.tokenizer.fixed_words == nlp.tokenizer.fixed_words
    assert again(TEXT)._.thpl_refs == doc._.thpl_refs


def test_cache_returns_the_stored_analysis(nlp, tmp_path) -> None:
    first = analyze(TEXT)
    assert analyze(TEXT) is first
    disk = AnalysisCache(maxsize=1, directory=tmp_path / "cache")
    key = text_key(TEXT)
    assert disk.get(key, nlp) is None
    disk.put(key, nlp(TEXT))
    disk.clear()
    loaded = disk.get(key, nlp)  # from disk after the memory copy is gone
    assert loaded is not None and loaded._.thpl_refs[0]["number"] == "43/2014/NĐ-CP"
    assert text_key(TEXT) != text_key(TEXT + " ")
