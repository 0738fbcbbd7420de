package io.gatehouse.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import io.gatehouse.eval.Limits;
import io.gatehouse.value.Value;
import io.gatehouse.value.Values;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test helpers: compile sources in memory and parse JSON inputs exactly. */
public final class Policies {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private Policies() {
    }

    /** Compiles {@code path, text, path, text, ...}. */
    public static Revision compile(String... pathsAndTexts) throws PolicyCompileException {
        Map<String, String> sources = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndTexts.length; i += 2) {
            sources.put(pathsAndTexts[i], pathsAndTexts[i + 1]);
        }
        return PolicyEngine.compile(sources, Limits.DEFAULT);
    }

    public static Value json(String text) {
        try {
            return Values.fromJson(JSON.readTree(text));
        } catch (Exception e) {
            throw new IllegalArgumentException("bad JSON in test: " + text, e);
        }
    }
}
