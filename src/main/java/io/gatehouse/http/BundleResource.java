package io.gatehouse.http;

import io.gatehouse.lifecycle.BundleKeys;
import io.gatehouse.lifecycle.BundleService;
import io.gatehouse.lifecycle.BundleService.Bundle;
import io.gatehouse.lifecycle.LifecycleService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * {@code GET /v1/bundles/{name}}: the current revision's policy and data files as a deterministic zip, signed with
 * the bundle key. The signature (a detached compact JWS over the archive's SHA-256) travels in the
 * {@code Gatehouse-Bundle-Signature} header, the revision is the ETag, and {@code If-None-Match} answers 304.
 * {@code GET /v1/bundles/{name}/key} is the public key sidecars pin, as PEM.
 */
@Path("/v1/bundles")
public class BundleResource {

    static final String SIGNATURE_HEADER = "Gatehouse-Bundle-Signature";
    static final String SEQUENCE_HEADER = "Gatehouse-Bundle-Sequence";
    private static final String ZIP = "application/zip";
    private static final String PEM = "application/x-pem-file";

    private final BundleService bundles;
    private final LifecycleService lifecycle;

    BundleResource(BundleService bundles, LifecycleService lifecycle) {
        this.bundles = bundles;
        this.lifecycle = lifecycle;
    }

    @GET
    @Path("/{name}")
    @Produces({ZIP, "application/problem+json"})
    public Response bundle(@PathParam("name") String name,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        requireServed(name);
        Bundle bundle = bundles.bundle(name).orElseThrow(() -> new ProblemException(Problem.of(503, "no-revision",
                "No policy revision", "no policy revision is loaded", List.of())));
        EntityTag etag = new EntityTag(bundle.revision());
        if (matches(ifNoneMatch, bundle.revision())) {
            return Response.notModified(etag).header(SEQUENCE_HEADER, bundle.sequence()).build();
        }
        return Response.ok(bundle.archive(), ZIP)
                .tag(etag)
                .header(SIGNATURE_HEADER, bundle.signature())
                .header(SEQUENCE_HEADER, bundle.sequence())
                .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .header("Content-Disposition", "attachment; filename=\"" + name + ".zip\"")
                .build();
    }

    @GET
    @Path("/{name}/key")
    @Produces({PEM, "application/problem+json"})
    public Response key(@PathParam("name") String name) {
        requireServed(name);
        return Response.ok(BundleKeys.publicPem(bundles.signer().publicKey()), PEM)
                .header("Gatehouse-Bundle-Key-Id", bundles.signer().keyId())
                .build();
    }

    private void requireServed(String name) {
        if (lifecycle.isSidecar()) {
            throw new ProblemException(Problem.of(404, "not-central", "Bundles are served centrally",
                    "this node is a sidecar; bundles are served by the central service", List.of()));
        }
        if (!bundles.exists(name)) {
            throw new ProblemException(Problem.of(404, "unknown-bundle", "Unknown bundle",
                    "no bundle named \"" + name + "\"; configured: " + bundles.names(),
                    List.of(new Problem.FieldError("name", "must be one of " + bundles.names()))));
        }
    }

    /** {@code If-None-Match}: {@code *}, or a list of strong or weak tags, one of which is the revision. */
    static boolean matches(String ifNoneMatch, String revision) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String trimmed = tag.trim();
            if (trimmed.startsWith("W/")) {
                trimmed = trimmed.substring(2);
            }
            if (trimmed.equals("*") || trimmed.equals("\"" + revision + "\"")) {
                return true;
            }
        }
        return false;
    }
}
