package io.gatehouse.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * {@code GET /.well-known/jwks.json} (RFC 7517), {@code GET /.well-known/oauth-authorization-server} (RFC 8414) and
 * {@code GET /v1/revocations}, the revocation list sidecars poll.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class WellKnownResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TokenKeys keys;
    private final TokenConfig config;
    private final RevocationList revocations;
    private final Clock clock;

    WellKnownResource(TokenKeys keys, TokenConfig config, RevocationList revocations, Clock clock) {
        this.keys = keys;
        this.config = config;
        this.revocations = revocations;
        this.clock = clock;
    }

    /** Published keys only: those about to sign, signing, and those whose tokens may still be alive. */
    @GET
    @Path(".well-known/jwks.json")
    public Response jwks() throws IOException {
        ArrayNode array = JSON.createArrayNode();
        for (SigningKey key : keys.ring().published(clock.instant())) {
            array.add(publicJwk(key));
        }
        return Response.ok(JSON.createObjectNode().set("keys", array))
                .header("Cache-Control", "public, max-age=60").build();
    }

    private static JsonNode publicJwk(SigningKey key) throws IOException {
        try {
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(key.publicKey());
            jwk.setKeyId(key.kid());
            jwk.setUse("sig");
            jwk.setAlgorithm(key.algorithm());
            return JSON.readTree(jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        } catch (JoseException e) {
            throw new IOException("key " + key.kid() + " cannot be published", e);
        }
    }

    @GET
    @Path(".well-known/oauth-authorization-server")
    public ObjectNode metadata() {
        String issuer = config.issuer().replaceAll("/+$", "");
        ObjectNode metadata = JSON.createObjectNode();
        metadata.put("issuer", config.issuer());
        metadata.put("token_endpoint", issuer + "/oauth2/token");
        metadata.put("revocation_endpoint", issuer + "/oauth2/revoke");
        metadata.put("jwks_uri", issuer + "/.well-known/jwks.json");
        metadata.set("grant_types_supported", JSON.valueToTree(List.of(TokenExchange.GRANT_TYPE)));
        metadata.set("response_types_supported", JSON.createArrayNode());
        metadata.set("token_endpoint_auth_methods_supported", JSON.valueToTree(List.of("tls_client_auth", "none")));
        metadata.set("revocation_endpoint_auth_methods_supported", JSON.valueToTree(List.of("none")));
        return metadata;
    }

    @GET
    @Path("v1/revocations")
    public ObjectNode revocations() {
        ObjectNode body = JSON.createObjectNode();
        body.put("generated_at", clock.instant().toString());
        ArrayNode revoked = body.putArray("revoked");
        revocations.active().forEach((jti, expiry) -> revoked.addObject().put("jti", jti)
                .put("expires_at", expiry.toString()));
        return body;
    }
}
