package io.gatehouse.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.http.Problem;
import io.gatehouse.http.ProblemException;
import io.gatehouse.http.RequestContexts;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The Kubernetes admission webhooks. Every answerable review gets an AdmissionReview back in the version it came
 * in, with its uid; a body that is not an answerable review gets a 400 problem detail.
 */
@Path("/k8s")
@Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
@Produces(MediaType.APPLICATION_JSON)
public class AdmissionResource {

    private static final Logger LOG = Logger.getLogger(AdmissionResource.class);

    private final SidecarInjector injector;
    private final AdmissionValidator validator;
    private final RequestContexts contexts;

    public AdmissionResource(SidecarInjector injector, AdmissionValidator validator, RequestContexts contexts) {
        this.injector = injector;
        this.validator = validator;
        this.contexts = contexts;
    }

    /** Judges a review against every matching constraint; see {@link AdmissionValidator}. */
    @POST
    @Path("/validate")
    public ObjectNode validate(String body, @Context HttpServerRequest http) {
        AdmissionReview review = parse(body);
        return validator.validate(review, contexts.of(http)).toReview(review);
    }

    /** Sidecar injection for pods that opt in themselves. */
    @POST
    @Path("/mutate")
    public ObjectNode mutate(String body) {
        return mutate(parse(body), false);
    }

    /** Sidecar injection for pods in namespaces whose label opted them in through the webhook's selector. */
    @POST
    @Path("/mutate/namespace")
    public ObjectNode mutateInOptedInNamespace(String body) {
        return mutate(parse(body), true);
    }

    private ObjectNode mutate(AdmissionReview review, boolean namespaceOptedIn) {
        if (review.operation().isEmpty()) {
            return AdmissionResponse.deny(400, unknownOperation(review), List.of()).toReview(review);
        }
        Injection injection = injector.decide(review, namespaceOptedIn);
        AdmissionResponse response;
        if (injection instanceof Injection.Patch patch) {
            response = AdmissionResponse.patch(patch.operations(), List.of());
        } else if (injection instanceof Injection.Conflict conflict) {
            response = AdmissionResponse.allow(List.of(conflict.warning()));
        } else if (injection instanceof Injection.Refuse refuse) {
            response = AdmissionResponse.deny(400, refuse.reason(), List.of());
        } else {
            LOG.tracef("no injection for review %s: %s", review.uid(), ((Injection.Skip) injection).why());
            response = AdmissionResponse.allow(List.of());
        }
        return response.toReview(review);
    }

    /** Parses the body, or ends the request with a 400 problem naming the field. */
    private static AdmissionReview parse(String body) {
        try {
            return AdmissionReview.parse(body);
        } catch (MalformedReviewException malformed) {
            Problem.FieldError error = new Problem.FieldError(malformed.field(), malformed.getMessage());
            throw new ProblemException(Problem.of(400, "malformed-admission-review", "Malformed admission review",
                    malformed.getMessage(), List.of(error)));
        }
    }

    static String unknownOperation(AdmissionReview review) {
        return "request.operation: expected CREATE, UPDATE, DELETE or CONNECT, got '"
                + review.request().path("operation").asText("") + "'";
    }
}
