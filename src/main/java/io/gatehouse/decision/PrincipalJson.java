package io.gatehouse.decision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.identity.VerifiedPrincipal;

/** How a verified principal appears to policies at {@code input.principal} and {@code input.peer}. */
final class PrincipalJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PrincipalJson() {
    }

    static JsonNode of(VerifiedPrincipal principal) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("subject", principal.subject());
        node.put("kind", principal.kind());
        node.put("verified", true);
        if (principal.issuer() != null) {
            node.put("issuer", principal.issuer());
        }
        if (principal.spiffeId() != null) {
            node.put("spiffe_id", principal.spiffeId());
            node.put("trust_domain", trustDomain(principal.spiffeId()));
        }
        node.set("claims", MAPPER.valueToTree(principal.claims()));
        if (principal.actor() != null) {
            node.set("actor", of(principal.actor()));
        }
        return node;
    }

    private static String trustDomain(String spiffeId) {
        String rest = spiffeId.substring("spiffe://".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }
}
