"""Reading the bytes of a source file into text, whatever encoding the editor's tool saved."""

from dataclasses import dataclass


class ImportInputError(Exception):
    """A file the importer cannot read; the message (Chinese) names the file and the place."""


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str


# Control characters other than tab, newline, carriage return and form feed never occur in text.
_CONTROL = {*range(0, 9), 11, *range(14, 32), 127}


def decode_source(data: bytes, *, name: str) -> DecodedText:
    """Decode UTF-8 (with or without BOM) or GB18030/GBK; refuse empty, binary and undecodable files.

    UTF-8 is tried first because a GB18030 decoder accepts many byte strings that are really
    UTF-8; the error for a file neither can read names the byte offset where UTF-8 broke, the
    place an editor opening the file in a hex viewer would look.
    """
    if not data.strip():
        raise ImportInputError(f"{name}：文件为空。")
    sample = data[:65536]
    if b"\x00" in sample or sum(byte in _CONTROL for byte in sample) > len(sample) * 0.01:
        raise ImportInputError(f"{name}：看起来是二进制文件，不是文本，无法导入。")
    try:
        return DecodedText(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            return DecodedText(data.decode("gb18030"), "gb18030")
        except UnicodeDecodeError:
            offset = utf8_error.start
            raise ImportInputError(
                f"{name}：无法识别的文本编码（既不是 UTF-8 也不是 GB18030/GBK），"
                f"第 {offset} 字节（0x{data[offset]:02X}）处无法解码。"
            ) from None
