package com.seqplay.dataset;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Strict UTF-8 decoding shared by the upload parsers. A silently replaced byte would turn into
 * a "?" symbol the model then learns, so malformed input is refused and its line named instead.
 */
final class Utf8Text {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private Utf8Text() {
    }

    /** Decodes the bytes and drops a leading byte-order mark; refuses malformed or unmappable bytes. */
    static String decode(String fileName, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 16L, bytes.length + 1L));
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            // in.position() is the first bad byte: count the newlines before it for the line number.
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new DatasetFormatException(fileName, line, String.format(
                    "the file is not valid UTF-8 (byte 0x%02X at byte offset %d); save it as UTF-8",
                    bytes[in.position()] & 0xFF, in.position()));
        }
        out.flip();
        String text = out.toString();
        return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
    }

    /**
     * Splits into lines on LF, dropping the CR of CRLF endings. A final line break does not start
     * an extra empty line. Line i of the result is line i+1 of the file.
     */
    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            int next = end < 0 ? text.length() : end + 1;
            if (end < 0) {
                end = text.length();
            }
            if (end > start && text.charAt(end - 1) == '\r') {
                end--;
            }
            lines.add(text.substring(start, end));
            start = next;
        }
        return lines;
    }
}
