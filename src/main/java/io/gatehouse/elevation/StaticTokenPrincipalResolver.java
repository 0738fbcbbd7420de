package io.gatehouse.elevation;

import io.gatehouse.identity.VerifiedPrincipal;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Development principals from configuration ({@code gatehouse.elevation.static-principals}) for tests and local
 * runs without issuers. Only token hashes are configured, so the configuration holds no secret; with none configured
 * it recognises nobody.
 */
public final class StaticTokenPrincipalResolver implements ElevationPrincipalResolver {

    static final String KIND = "static";

    private final Map<String, VerifiedPrincipal> byTokenHash = new HashMap<>();

    public StaticTokenPrincipalResolver(Map<String, ElevationConfig.StaticPrincipal> principals) {
        principals.forEach((subject, entry) -> byTokenHash.put(entry.tokenSha256().toLowerCase(java.util.Locale.ROOT),
                new VerifiedPrincipal(subject, KIND, "gatehouse-config", null, claims(entry), null)));
    }

    public boolean isEmpty() {
        return byTokenHash.isEmpty();
    }

    @Override
    public Optional<VerifiedPrincipal> resolve(HttpHeaders headers, HttpServerRequest request) {
        String token = accessToken(headers);
        return token == null ? Optional.empty() : Optional.ofNullable(byTokenHash.get(sha256(token)));
    }

    public static String sha256(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", impossible);
        }
    }

    private static Map<String, Object> claims(ElevationConfig.StaticPrincipal entry) {
        return entry.keyThumbprint().<Map<String, Object>>map(jkt -> Map.of("cnf", Map.of("jkt", jkt)))
                .orElse(Map.of());
    }
}
