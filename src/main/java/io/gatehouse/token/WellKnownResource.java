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

/** {@code GET /.well-known/jwks.json} (RFC 7517) and {@code GET /.well-known/oauth-authorization-server} (RFC 8414). */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class WellKnownResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TokenKeys keys;
    private final TokenConfig config;
    private final Clock clock;

    WellKnownResource(TokenKeys keys, TokenConfig config, Clock clock) {
        this.keys = keys;
        this.config = config;
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
}
