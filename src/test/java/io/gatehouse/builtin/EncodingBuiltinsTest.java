package io.gatehouse.builtin;

import static io.gatehouse.builtin.BuiltinCase.error;
import static io.gatehouse.builtin.BuiltinCase.ok;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EncodingBuiltinsTest {

    private static final String BYTE_SIZE = "expected a number and a unit such as \"10KB\", \"1.5GiB\" or \"512\"";

    static Stream<BuiltinCase> cases() {
        return Stream.of(
                ok("sha256 of ASCII in hex", "crypto.sha256", "['abc']",
                        "'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'"),
                ok("sha256 hashes the UTF-8 bytes", "crypto.sha256", "['ü']",
                        "'607474ca475a9724d7360aba71a56d5df77e61350e3f724cfa1f46e857e2d85f'"),
                error("sha256 refuses a number", "crypto.sha256", "[1]",
                        "crypto.sha256: argument 1 must be a string, given number 1"),
                ok("base64 encodes UTF-8 with padding", "base64.encode", "['ü']", "'w7w='"),
                ok("base64 uses the standard alphabet", "base64.encode", "['hi?>']", "'aGk/Pg=='"),
                ok("base64 decodes", "base64.decode", "['aGk/Pg==']", "'hi?>'"),
                error("base64 decode refuses missing padding", "base64.decode", "['aGk/Pg']",
                        "base64.decode: invalid base64 \"aGk/Pg\", expected base64"),
                error("base64 decode refuses the url alphabet", "base64.decode", "['aGk_Pg==']",
                        "base64.decode: invalid base64 \"aGk_Pg==\", expected base64"),
                error("base64 decode refuses white space", "base64.decode", "['aGk/\\nPg==']",
                        "base64.decode: invalid base64 \"aGk/\\nPg==\", expected base64"),
                error("base64 decode refuses bytes that are not UTF-8 text", "base64.decode", "['+/8=']",
                        "base64.decode: invalid argument 1: the decoded bytes are not utf-8 text"),
                ok("base64.is_valid holds for canonical text", "base64.is_valid", "['aGk/Pg==']", "true"),
                ok("base64.is_valid is false for stray bits", "base64.is_valid", "['aGk/Ph==']", "false"),
                ok("base64url encodes with padding, as OPA", "base64url.encode", "['hi?>']", "'aGk_Pg=='"),
                ok("base64url encode_no_pad drops padding", "base64url.encode_no_pad", "['hi?>']", "'aGk_Pg'"),
                ok("base64url decodes padded text", "base64url.decode", "['aGk_Pg==']", "'hi?>'"),
                ok("base64url decodes unpadded text", "base64url.decode", "['aGk_Pg']", "'hi?>'"),
                error("base64url decode refuses the standard alphabet", "base64url.decode", "['aGk/Pg']",
                        "base64url.decode: invalid base64url \"aGk/Pg\", expected unpadded base64url"),
                error("base64url decode refuses partial padding", "base64url.decode", "['aGk_Pg=']",
                        "base64url.decode: invalid base64url \"aGk_Pg=\", expected padded base64url"),
                ok("hex encodes UTF-8 bytes", "hex.encode", "['hi']", "'6869'"),
                ok("hex decodes either case", "hex.decode", "['6A6b']", "'jk'"),
                error("hex decode refuses an odd length", "hex.decode", "['686']",
                        "hex.decode: invalid hex \"686\", expected pairs of hex digits"),
                ok("json.marshal sorts keys and keeps numbers exact", "json.marshal",
                        "[{'b': [0.1, 12345678901234567890123], 'a': null}]",
                        "'{\"a\":null,\"b\":[0.1,12345678901234567890123]}'"),
                ok("json.marshal writes equal numbers equally: 2.0 as 2", "json.marshal", "[[2.0, 1e2]]",
                        "'[2,100]'"),
                ok("json.marshal nests objects in arrays", "json.marshal", "[[{}, {'x': []}]]",
                        "'[{},{\"x\":[]}]'"),
                ok("json.marshal writes a set as an array", "json.marshal", "[{'$set': [2, 1]}]", "'[1,2]'"),
                ok("json.marshal of a string quotes it", "json.marshal", "['a\"b']", "'\"a\\\\\"b\"'"),
                ok("json.unmarshal parses exactly", "json.unmarshal",
                        "['{\"n\": 0.1, \"big\": 123456789012345678901}']",
                        "{'big': 123456789012345678901, 'n': 0.1}"),
                ok("json.unmarshal parses a scalar", "json.unmarshal", "['true']", "true"),
                error("json.unmarshal refuses trailing text", "json.unmarshal", "['{} x']",
                        "json.unmarshal: invalid json: unrecognized token 'x': was expecting (json string, number, "
                                + "array, object or token 'null', 'true' or 'false')"),
                error("json.unmarshal refuses duplicate keys", "json.unmarshal", "['{\"a\": 1, \"a\": 2}']",
                        "json.unmarshal: invalid json: duplicate field 'a'"),
                error("json.unmarshal refuses empty text", "json.unmarshal", "['']",
                        "json.unmarshal: invalid json: no json value"),
                error("json.unmarshal refuses deep nesting", "json.unmarshal", "['" + "[".repeat(65) + "]".repeat(65)
                        + "']", "json.unmarshal: invalid json: document nesting depth (65) exceeds the maximum "
                                + "allowed (64, from `streamreadconstraints.getmaxnestingdepth()`)"),
                ok("json.is_valid holds for valid JSON", "json.is_valid", "['[1, 2]']", "true"),
                ok("json.is_valid is false for single quotes", "json.is_valid", "[\"{'a': 1}\"]", "false"),
                ok("parse_bytes of a bare number", "units.parse_bytes", "['512']", "512"),
                ok("parse_bytes KB is decimal", "units.parse_bytes", "['10KB']", "10000"),
                ok("parse_bytes KiB is binary", "units.parse_bytes", "['10KiB']", "10240"),
                ok("parse_bytes is case-insensitive and the B is optional", "units.parse_bytes", "['4mb']",
                        "4000000"),
                ok("parse_bytes accepts a fraction and truncates to whole bytes", "units.parse_bytes", "['1.5Ki']",
                        "1536"),
                ok("parse_bytes allows one space before the unit", "units.parse_bytes", "['2 GiB']", "2147483648"),
                error("parse_bytes refuses an unknown unit", "units.parse_bytes", "['10XB']",
                        "units.parse_bytes: invalid byte size \"10XB\", " + BYTE_SIZE),
                error("parse_bytes refuses a negative size", "units.parse_bytes", "['-1KB']",
                        "units.parse_bytes: invalid byte size \"-1KB\", " + BYTE_SIZE),
                error("parse_bytes refuses a number value", "units.parse_bytes", "[10]",
                        "units.parse_bytes: argument 1 must be a string, given number 10"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void behavesAsSpecified(BuiltinCase row) {
        row.run();
    }
}
