package io.gatehouse.token;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;

/**
 * {@code GET /v1/revocations}: the revoked {@code jti}s still in force, with their expiry, for sidecars that verify
 * Gatehouse tokens locally. A {@code jti} is no secret, so the list is open like the JWKS.
 */
@Path("/v1/revocations")
@Produces(MediaType.APPLICATION_JSON)
public class RevocationResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RevocationList revocations;
    private final Clock clock;

    RevocationResource(RevocationList revocations, Clock clock) {
        this.revocations = revocations;
        this.clock = clock;
    }

    @GET
    public ObjectNode revocations() {
        ObjectNode body = JSON.createObjectNode();
        body.put("generated_at", clock.instant().toString());
        ArrayNode revoked = body.putArray("revoked");
        revocations.active().forEach((jti, expiry) -> revoked.addObject().put("jti", jti)
                .put("expires_at", expiry.toString()));
        return body;
    }
}
