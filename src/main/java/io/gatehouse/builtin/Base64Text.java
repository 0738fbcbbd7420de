package io.gatehouse.builtin;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Strict base64: only the alphabet, padding exactly where the variant wants it, no white space, and no stray bits in
 * the last character (the decoded bytes must encode back to the same text), so one value has one encoding.
 */
final class Base64Text {

    private Base64Text() {
    }

    static byte[] decodeStandard(String text, String what) throws BuiltinException {
        return decode(text, Base64.getDecoder(), Base64.getEncoder(), what, "base64");
    }

    /** Base64url; with {@code padded} the text must be padded, otherwise it must not be. */
    static byte[] decodeUrl(String text, boolean padded, String what) throws BuiltinException {
        Base64.Encoder encoder = padded ? Base64.getUrlEncoder() : Base64.getUrlEncoder().withoutPadding();
        return decode(text, Base64.getUrlDecoder(), encoder, what, padded ? "padded base64url" : "unpadded base64url");
    }

    private static byte[] decode(String text, Base64.Decoder decoder, Base64.Encoder encoder, String what,
            String expected) throws BuiltinException {
        try {
            byte[] bytes = decoder.decode(text);
            if (encoder.encodeToString(bytes).equals(text)) {
                return bytes;
            }
        } catch (IllegalArgumentException malformed) {
            // reported below with the expectation
        }
        throw new BuiltinException("invalid " + what + " " + Args.quote(text) + ", expected " + expected);
    }

    /** The bytes as UTF-8 text; invalid UTF-8 is an error rather than replacement characters. */
    static String utf8(byte[] bytes, String what) throws BuiltinException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException malformed) {
            throw new BuiltinException("invalid " + what + ": the decoded bytes are not utf-8 text");
        }
    }
}
