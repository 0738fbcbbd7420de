package io.gatehouse.admission;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A webhook's answer to one review, before it is wrapped into an AdmissionReview of the request's version.
 *
 * @param allowed whether the API server may go on
 * @param code the HTTP-style status code reported to the client on a denial (403 for a policy denial)
 * @param message every reason, joined; empty on a plain allow
 * @param warnings shown to the client by kubectl, each under 256 characters as the API server asks
 * @param patch a JSON Patch for a mutating answer, or null
 */
public record AdmissionResponse(boolean allowed, int code, String message, List<String> warnings, ArrayNode patch) {

    public AdmissionResponse {
        Objects.requireNonNull(message, "message");
        warnings = List.copyOf(warnings);
    }

    public static AdmissionResponse allow(List<String> warnings) {
        return new AdmissionResponse(true, 200, "", warnings, null);
    }

    public static AdmissionResponse patch(ArrayNode patch, List<String> warnings) {
        return new AdmissionResponse(true, 200, "", warnings, Objects.requireNonNull(patch, "patch"));
    }

    public static AdmissionResponse deny(int code, String message, List<String> warnings) {
        return new AdmissionResponse(false, code, message, warnings, null);
    }

    /** The AdmissionReview the API server expects back: same version, same uid. */
    public ObjectNode toReview(AdmissionReview review) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode response = json.objectNode();
        response.put("uid", review.uid());
        response.put("allowed", allowed);
        if (!allowed || !message.isEmpty()) {
            ObjectNode status = response.putObject("status");
            status.put("code", code);
            status.put("message", message);
            if (!allowed) {
                status.put("reason", code == 403 ? "Forbidden" : "BadRequest");
            }
        }
        if (!warnings.isEmpty()) {
            ArrayNode list = response.putArray("warnings");
            warnings.forEach(list::add);
        }
        if (patch != null && !patch.isEmpty()) {
            response.put("patchType", "JSONPatch");
            byte[] patchJson = patch.toString().getBytes(StandardCharsets.UTF_8);
            response.put("patch", Base64.getEncoder().encodeToString(patchJson));
        }
        ObjectNode document = json.objectNode();
        document.put("apiVersion", review.apiVersion());
        document.put("kind", "AdmissionReview");
        document.set("response", response);
        return document;
    }
}
