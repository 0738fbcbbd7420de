package io.gatehouse.builtin;

import static io.gatehouse.builtin.FunctionBuiltin.of;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.gatehouse.value.Value;
import io.gatehouse.value.Values;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Hashing, base64, hex and JSON encodings, and byte units. Text is always encoded as UTF-8. */
final class EncodingBuiltins {

    private static final Pattern BYTE_SIZE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?) ?([a-zA-Z]*)");
    private static final Map<String, BigDecimal> UNITS = units();

    private EncodingBuiltins() {
    }

    static List<Builtin> all() {
        return List.of(
                of("crypto.sha256", args -> Values.string(sha256(Args.string(args, 0))), Param.STRING),
                of("base64.encode", args -> Values.string(Base64.getEncoder().encodeToString(bytes(args))),
                        Param.STRING),
                of("base64.decode", args -> decoded(Base64Text.decodeStandard(Args.string(args, 0), "base64")),
                        Param.STRING),
                of("base64.is_valid", args -> valid(() -> Base64Text.decodeStandard(Args.string(args, 0), "")),
                        Param.STRING),
                of("base64url.encode", args -> Values.string(Base64.getUrlEncoder().encodeToString(bytes(args))),
                        Param.STRING),
                of("base64url.encode_no_pad", args -> Values.string(Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(bytes(args))), Param.STRING),
                of("base64url.decode", args -> decoded(decodeUrl(Args.string(args, 0))), Param.STRING),
                of("hex.encode", args -> Values.string(HexFormat.of().formatHex(bytes(args))), Param.STRING),
                of("hex.decode", args -> decoded(hex(Args.string(args, 0))), Param.STRING),
                of("json.marshal", args -> Values.string(JsonText.write(args.get(0))), Param.ANY),
                of("json.unmarshal", args -> JsonText.parse(Args.string(args, 0), "json"), Param.STRING),
                of("json.is_valid", args -> valid(() -> JsonText.parse(Args.string(args, 0), "json")), Param.STRING),
                of("units.parse_bytes", args -> Values.number(parseBytes(Args.string(args, 0))), Param.STRING));
    }

    private static byte[] bytes(List<Value> args) {
        return Args.string(args, 0).getBytes(StandardCharsets.UTF_8);
    }

    private static Value decoded(byte[] bytes) throws BuiltinException {
        return Values.string(Base64Text.utf8(bytes, "argument 1"));
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java platform has SHA-256", impossible);
        }
    }

    /** Padded or unpadded base64url, as OPA accepts both; either form must be canonical. */
    private static byte[] decodeUrl(String text) throws BuiltinException {
        return Base64Text.decodeUrl(text, text.endsWith("="), "base64url");
    }

    private static byte[] hex(String text) throws BuiltinException {
        try {
            return HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException malformed) {
            throw new BuiltinException("invalid hex " + Args.quote(text) + ", expected pairs of hex digits");
        }
    }

    private interface Check {
        Object run() throws BuiltinException;
    }

    private static Value valid(Check check) {
        try {
            check.run();
            return Value.Bool.TRUE;
        } catch (BuiltinException invalid) {
            return Value.Bool.FALSE;
        }
    }

    /**
     * "10KB" is 10 * 1000 bytes, "10KiB" 10 * 1024; units are case-insensitive and "B" is optional ("10k", "4mb");
     * a fractional result is truncated to whole bytes.
     */
    private static BigDecimal parseBytes(String text) throws BuiltinException {
        Matcher matcher = text.length() > 64 ? null : BYTE_SIZE.matcher(text);
        BigDecimal unit = matcher != null && matcher.matches()
                ? UNITS.get(matcher.group(2).toLowerCase(Locale.ROOT)) : null;
        if (unit == null) {
            throw new BuiltinException("invalid byte size " + Args.quote(text) + ", expected a number and a unit "
                    + "such as \"10KB\", \"1.5GiB\" or \"512\"");
        }
        return new BigDecimal(matcher.group(1)).multiply(unit).setScale(0, RoundingMode.DOWN);
    }

    private static Map<String, BigDecimal> units() {
        Map<String, BigDecimal> units = new java.util.HashMap<>(Map.of("", BigDecimal.ONE, "b", BigDecimal.ONE));
        String prefixes = "kmgtpe";
        for (int index = 0; index < prefixes.length(); index++) {
            String prefix = prefixes.substring(index, index + 1);
            BigDecimal decimal = BigDecimal.valueOf(1000).pow(index + 1);
            BigDecimal binary = BigDecimal.valueOf(1024).pow(index + 1);
            units.put(prefix, decimal);
            units.put(prefix + "b", decimal);
            units.put(prefix + "i", binary);
            units.put(prefix + "ib", binary);
        }
        return Map.copyOf(units);
    }
}
