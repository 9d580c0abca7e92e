"""Any encoding editors' tools save in is read; what cannot be read is refused by name and offset."""

import pytest

from importing.decode import ImportInputError, decode_source

TEXT = "缙云经济开发区(新碧街道)总工会：建会率95%以上，会员1.9万余名。\n"


@pytest.mark.parametrize(
    "encoded",
    [TEXT.encode("utf-8"), b"\xef\xbb\xbf" + TEXT.encode("utf-8"), TEXT.encode("gb18030"), TEXT.encode("gbk")],
)
def test_utf8_with_or_without_bom_and_gb18030_gbk_decode_to_the_same_text(encoded):
    assert decode_source(encoded, name="a.txt").text == TEXT


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"", "文件为空"), (b" \n\r\n", "文件为空"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "二进制")],
)
def test_empty_and_binary_files_are_refused(data, message):
    with pytest.raises(ImportInputError, match=message) as error:
        decode_source(data, name="scan.png")
    assert "scan.png" in str(error.value)


def test_an_undecodable_file_is_refused_naming_the_file_and_byte_offset():
    data = "工会".encode() + b"\xff\xfe\xff" + "会员".encode()
    with pytest.raises(ImportInputError, match=r"odd\.txt.*第 6 字节（0xFF）"):
        decode_source(data, name="odd.txt")
