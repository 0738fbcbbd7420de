package io.gatehouse.engine;

import io.gatehouse.ast.Pos;
import io.gatehouse.builtin.Builtin;
import io.gatehouse.builtin.Builtins;
import io.gatehouse.check.Problems;
import io.gatehouse.compile.Compiler;
import io.gatehouse.compile.DataMount;
import io.gatehouse.eval.Limits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Entry point of the embedded engine: compiles a policy directory into a {@link Revision}. */
public final class PolicyEngine {

    /** Builtins are pure and stateless, so one registry serves every compilation; building it is not free. */
    private static final Map<String, Builtin> BUILTINS = Builtins.standard();

    private PolicyEngine() {
    }

    /**
     * Loads every {@code .pol} file and every JSON/YAML data document under {@code directory} and compiles them.
     *
     * @throws PolicyCompileException with every error found, sorted by position
     */
    public static Revision load(Path directory) throws PolicyCompileException {
        return load(directory, Limits.DEFAULT);
    }

    /** As {@link #load(Path)}, with explicit evaluation limits. */
    public static Revision load(Path directory, Limits limits) throws PolicyCompileException {
        Objects.requireNonNull(directory, "directory");
        return compile(read(directory), limits);
    }

    /**
     * Compiles in-memory sources: relative path ({@code /}-separated) to content. Files ending in {@code .pol} are
     * policies, {@code .json}, {@code .yaml} and {@code .yml} are data; anything else is ignored.
     */
    public static Revision compile(Map<String, String> sources, Limits limits) throws PolicyCompileException {
        Objects.requireNonNull(sources, "sources");
        Objects.requireNonNull(limits, "limits");
        Map<String, String> policies = new TreeMap<>();
        Map<String, String> data = new TreeMap<>();
        sources.forEach((file, text) -> {
            if (file.endsWith(".pol")) {
                policies.put(file, text);
            } else if (DataMount.isDataFile(file)) {
                data.put(file, text);
            }
        });
        Compiler.Result result;
        try {
            result = new Compiler(BUILTINS).compile(policies, data);
        } catch (RuntimeException | StackOverflowError e) {
            // invariant: only PolicyCompileException leaves the compiler; anything else is a compiler bug, reported
            // as a diagnostic so that a caller never sees a raw exception from policy text.
            throw new PolicyCompileException(List.of(new Diagnostic(Problems.Code.INTERNAL.id(),
                    Diagnostic.Severity.ERROR, "-", 1, 1, "internal compiler error: " + e,
                    "please report this with the policy that caused it")));
        }
        if (result.program() == null) {
            throw new PolicyCompileException(result.problems().errors());
        }
        Map<String, String> used = new TreeMap<>(policies);
        used.putAll(data);
        return new CompiledRevision(revisionId(used), used, result, limits);
    }

    private static Map<String, String> read(Path directory) throws PolicyCompileException {
        if (!Files.isDirectory(directory)) {
            throw new PolicyCompileException(List.of(new Diagnostic(Problems.Code.UNREADABLE_FILE.id(),
                    Diagnostic.Severity.ERROR, directory.toString(), 1, 1, "policy directory does not exist",
                    "pass the directory that holds the .pol files")));
        }
        Map<String, String> sources = new TreeMap<>();
        Problems problems = new Problems();
        try (Stream<Path> files = Files.walk(directory)) {
            files.filter(Files::isRegularFile).sorted().forEach(file -> {
                String relative = directory.relativize(file).toString().replace('\\', '/');
                if (isHidden(relative) || !(relative.endsWith(".pol") || DataMount.isDataFile(relative))) {
                    return;
                }
                try {
                    sources.put(relative, Files.readString(file, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    problems.error(Problems.Code.UNREADABLE_FILE, new Pos(relative, 1, 1), "cannot read file: "
                            + e.getMessage(), null);
                }
            });
        } catch (IOException e) {
            problems.error(Problems.Code.UNREADABLE_FILE, new Pos(directory.toString(), 1, 1),
                    "cannot list policy directory: " + e.getMessage(), null);
        }
        if (problems.hasErrors()) {
            throw new PolicyCompileException(problems.errors());
        }
        return sources;
    }

    private static boolean isHidden(String relative) {
        for (String part : relative.split("/")) {
            if (part.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** SHA-256 over each file's relative path and content, in path order, each followed by a NUL byte. */
    static String revisionId(Map<String, String> sources) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            new TreeMap<>(sources).forEach((path, text) -> {
                digest.update(path.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(text.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            });
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
