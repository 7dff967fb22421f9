"""Decoding: declarations, contradictions, BOMs, whole-document detection."""
from __future__ import annotations

import codecs

import pytest

from cleaning import ContentError, clean_page
from cleaning.decode import decode_html, normalize_charset

RARE = "朱镕基、王堃、陶喆出席会议"  # 镕 堃 喆 are in GB18030 but not GB2312/GBK
SPEECH = "同志们:今天我们召开全市经济工作会议,主要任务是总结成绩、查找不足,安排部署下一阶段工作。" * 4


def page(charset_decl: str | None, body: str = f"<p>{RARE}</p><p>{SPEECH}</p>", title: str = "讲话_77范文网") -> str:
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset_decl}">' if charset_decl else ""
    return f"<html><head>{meta}<title>{title}</title></head><body>{body}</body></html>"


@pytest.mark.parametrize("declared", ["gbk", "gb2312", "GB2312", "x-gbk"])
def test_declared_gbk_is_read_as_gb18030_so_rare_characters_survive(declared: str) -> None:
    raw = page(declared).encode("gb18030")
    decoded = decode_html(raw)
    assert decoded.encoding == "gb18030"
    assert RARE in decoded.text


def test_utf8_bytes_declared_gb2312_are_read_as_utf8() -> None:
    raw = page("gb2312").encode("utf-8")
    decoded = decode_html(raw)
    assert decoded.encoding == "utf-8"
    assert RARE in decoded.text


def test_http_charset_is_used_and_contradicted_by_utf8_bytes() -> None:
    assert decode_html(page(None).encode("gb18030"), http_charset="gbk").encoding == "gb18030"
    assert decode_html(page(None).encode("utf-8"), http_charset="gbk").encoding == "utf-8"


def test_a_long_gbk_page_whose_first_kilobytes_are_ascii_is_detected_from_the_whole_document() -> None:
    filler = "<!-- " + "x" * 200_000 + " -->" + "".join(f'<a href="/p/{i}.html">link {i}</a>' for i in range(2000))
    raw = page(None, filler + f"<p>{RARE}</p><p>{SPEECH}</p>", title="speech").encode("gb18030")
    assert raw[:100_000].isascii()
    decoded = decode_html(raw)
    assert decoded.encoding == "gb18030"
    assert RARE in decoded.text


def test_undeclared_utf8_and_boms() -> None:
    assert decode_html(page(None).encode("utf-8")).encoding == "utf-8"
    assert decode_html(codecs.BOM_UTF8 + page("gbk").encode("utf-8")).encoding == "utf-8"
    utf16 = codecs.BOM_UTF16_LE + page(None).encode("utf-16-le")
    decoded = decode_html(utf16)
    assert decoded.encoding == "utf-16-le" and RARE in decoded.text


def test_a_few_broken_bytes_do_not_lose_the_declared_codec() -> None:
    raw = page("gbk").encode("gb18030")
    broken = raw.replace("召开".encode("gb18030"), b"\x81\x20", 1)  # an invalid GB18030 sequence
    assert broken != raw
    decoded = decode_html(broken)
    assert decoded.encoding == "gb18030"
    assert RARE in decoded.text


def test_big5_declared_page() -> None:
    text = page("big5", "<p>同志們:今天我們召開全市經濟工作會議,主要任務是總結成績。</p>", title="講話")
    decoded = decode_html(text.encode("big5"))
    assert decoded.encoding == "big5hkscs"
    assert "經濟工作會議" in decoded.text


@pytest.mark.parametrize("body", [b"", b"   \n\t ", b"\x00\x01\x02\x03PK\x03\x04" + bytes(range(256)) * 4])
def test_empty_and_binary_input_raise_content_error(body: bytes) -> None:
    with pytest.raises(ContentError):
        decode_html(body)
    with pytest.raises(ContentError):
        clean_page(body)


def test_clean_page_reports_the_encoding_and_keeps_rare_characters() -> None:
    result = clean_page(page("gbk").encode("gb18030"))
    assert result.encoding == "gb18030"
    assert RARE in result.speeches[0].body


def test_charset_labels_are_normalised() -> None:
    assert normalize_charset("GB2312") == "gb18030"
    assert normalize_charset("utf8") == "utf-8"
    assert normalize_charset("iso-8859-1") == "cp1252"
    assert normalize_charset("no-such-codec") is None


@pytest.mark.parametrize("header", ["ISO-8859-1", "iso-8859-1", "windows-1252", "latin1"])
def test_a_latin1_header_loses_to_the_pages_own_gb2312_meta(header: str) -> None:
    # Apache's default header on a GBK page that declares itself correctly.
    raw = page("gb2312").encode("gb18030")
    decoded = decode_html(raw, http_charset=header)
    assert decoded.encoding == "gb18030"
    assert RARE in decoded.text
    result = clean_page(raw, http_charset=header)
    assert result.no_speech_reason is None and RARE in result.speeches[0].body


def test_a_latin1_header_loses_to_gbk_bytes_without_any_meta() -> None:
    raw = page(None).encode("gb18030")
    decoded = decode_html(raw, http_charset="ISO-8859-1")
    assert decoded.encoding == "gb18030" and RARE in decoded.text


def test_a_latin1_header_is_kept_for_a_latin1_page() -> None:
    text = page(None, "<p>Le café de la gare a été fermé à cause de la grève, déjà très longue.</p>", title="Café")
    decoded = decode_html(text.encode("latin-1"), http_charset="ISO-8859-1")
    assert decoded.encoding == "cp1252"
    assert "été fermé" in decoded.text
