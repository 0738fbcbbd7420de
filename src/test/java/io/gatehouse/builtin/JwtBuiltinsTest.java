package io.gatehouse.builtin;

import static io.gatehouse.builtin.BuiltinCase.error;
import static io.gatehouse.builtin.BuiltinCase.ok;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JwtBuiltinsTest {

    private static final String HEADER = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9";
    private static final String PAYLOAD =
            "eyJzdWIiOiJhbGljZSIsImF1ZCI6WyJhIiwiYiJdLCJuIjoxMjM0NTY3ODkwMTIzNDU2Nzg5MDEyM30";
    private static final String TOKEN = HEADER + "." + PAYLOAD + ".AQL_";

    static Stream<BuiltinCase> cases() {
        return Stream.of(
                ok("decodes header, payload and the signature as hex, with exact numbers", "io.jwt.decode",
                        "['" + TOKEN + "']", "[{'alg': 'RS256', 'typ': 'JWT'}, "
                                + "{'aud': ['a', 'b'], 'n': 12345678901234567890123, 'sub': 'alice'}, '0102ff']"),
                ok("an empty signature decodes as empty: decoding verifies nothing", "io.jwt.decode",
                        "['" + HEADER + "." + PAYLOAD + ".']", "[{'alg': 'RS256', 'typ': 'JWT'}, "
                                + "{'aud': ['a', 'b'], 'n': 12345678901234567890123, 'sub': 'alice'}, '']"),
                error("two parts are refused", "io.jwt.decode", "['" + HEADER + "." + PAYLOAD + "']",
                        "io.jwt.decode: invalid jwt: expected 3 dot-separated parts (a compact jws), given 2"),
                error("five parts (a JWE) are refused", "io.jwt.decode", "['a.b.c.d.e']",
                        "io.jwt.decode: invalid jwt: expected 3 dot-separated parts (a compact jws), given 5"),
                error("padding is refused", "io.jwt.decode", "['eyJhIjoxfQ==." + PAYLOAD + ".']",
                        "io.jwt.decode: invalid jwt header \"eyJhIjoxfQ==\", expected unpadded base64url"),
                error("the standard base64 alphabet is refused", "io.jwt.decode", "['" + HEADER + "." + PAYLOAD
                        + ".AQL/']", "io.jwt.decode: invalid jwt signature \"AQL/\", expected unpadded base64url"),
                error("stray bits in the last character are refused", "io.jwt.decode", "['" + HEADER + "." + PAYLOAD
                        + ".AQN']", "io.jwt.decode: invalid jwt signature \"AQN\", expected unpadded base64url"),
                error("white space is refused", "io.jwt.decode", "['" + HEADER + "." + PAYLOAD + ". AQL_']",
                        "io.jwt.decode: invalid jwt signature \" AQL_\", expected unpadded base64url"),
                error("a payload that is not an object is refused", "io.jwt.decode", "['" + HEADER + ".WzFd.']",
                        "io.jwt.decode: invalid jwt payload: expected a json object, given array"),
                error("duplicate claims are refused", "io.jwt.decode", "['" + HEADER + ".eyJhIjoxLCJhIjoyfQ.']",
                        "io.jwt.decode: invalid jwt payload: duplicate field 'a'"),
                error("truncated JSON is refused", "io.jwt.decode", "['" + HEADER + ".eyJhIjo.']",
                        "io.jwt.decode: invalid jwt payload: unexpected end-of-input within/between object entries"),
                error("bytes that are not UTF-8 are refused", "io.jwt.decode", "['" + HEADER + ".__4.']",
                        "io.jwt.decode: invalid jwt payload: the decoded bytes are not utf-8 text"),
                error("claims nested deeper than the limit are refused", "io.jwt.decode",
                        "['" + HEADER + "." + encode("{\"a\":".repeat(70) + "1" + "}".repeat(70)) + ".']",
                        "io.jwt.decode: invalid jwt payload: document nesting depth (65) exceeds the maximum allowed "
                                + "(64, from `streamreadconstraints.getmaxnestingdepth()`)"),
                error("an oversize token is refused before decoding", "io.jwt.decode",
                        "['" + "a".repeat(16 * 1024 + 1) + "']",
                        "io.jwt.decode: token is too large: 16385 characters, expected at most 16384"),
                error("the token must be a string", "io.jwt.decode", "[{}]",
                        "io.jwt.decode: argument 1 must be a string, given object {}"));
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void behavesAsSpecified(BuiltinCase row) {
        row.run();
    }
}
