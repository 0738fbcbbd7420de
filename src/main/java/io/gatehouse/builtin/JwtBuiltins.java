package io.gatehouse.builtin;

import static io.gatehouse.builtin.FunctionBuiltin.of;

import io.gatehouse.value.Value;
import io.gatehouse.value.Values;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code io.jwt.decode(token)}: splits a compact JWS into [header, payload, signature as hex]. It decodes ONLY and
 * verifies nothing (no signature, expiry, issuer or audience check): it is for tokens that Gatehouse or the caller
 * has already verified, such as the credential behind {@code input.principal}. Decoding is strict: exactly three
 * base64url parts without padding, header and payload JSON objects, a size limit and a nesting limit.
 */
final class JwtBuiltins {

    static final int TOKEN_LIMIT = 16 * 1024;

    private JwtBuiltins() {
    }

    static List<Builtin> all() {
        return List.of(of("io.jwt.decode", args -> decode(Args.string(args, 0)), Param.STRING));
    }

    private static Value decode(String token) throws BuiltinException {
        if (token.length() > TOKEN_LIMIT) {
            throw new BuiltinException("token is too large: " + token.length() + " characters, expected at most "
                    + TOKEN_LIMIT);
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new BuiltinException("invalid jwt: expected 3 dot-separated parts (a compact jws), given "
                    + parts.length);
        }
        Value header = object(parts[0], "jwt header");
        Value payload = object(parts[1], "jwt payload");
        String signature = HexFormat.of().formatHex(Base64Text.decodeUrl(parts[2], false, "jwt signature"));
        return Values.array(List.of(header, payload, Values.string(signature)));
    }

    private static Value object(String part, String what) throws BuiltinException {
        Value value = JsonText.parse(Base64Text.utf8(Base64Text.decodeUrl(part, false, what), what), what);
        if (!(value instanceof Value.Obj)) {
            throw new BuiltinException("invalid " + what + ": expected a json object, given " + value.typeName());
        }
        return value;
    }
}
