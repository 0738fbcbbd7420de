package io.gatehouse.compile;

import io.gatehouse.ast.Pos;
import io.gatehouse.ast.RuleDecl;
import io.gatehouse.value.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Every definition of one rule name in one package. A class, not a record: terms refer to rule sets by identity
 * and may do so before the definitions are compiled. The compiler fills it and then never changes it again.
 */
public final class RuleSet {

    private final String packageName;
    private final String name;
    private final RuleDecl.Kind kind;
    private final Pos pos;
    private final int id;
    private final String qualifiedName;
    private final List<RuleDef> definitions = new ArrayList<>();
    private Value defaultValue;
    private int arity = -1;

    public RuleSet(String packageName, String name, RuleDecl.Kind kind, Pos pos, int id) {
        this.packageName = Objects.requireNonNull(packageName, "packageName");
        this.name = Objects.requireNonNull(name, "name");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.pos = Objects.requireNonNull(pos, "pos");
        this.id = id;
        this.qualifiedName = packageName + "." + name;
    }

    public String packageName() {
        return packageName;
    }

    public String name() {
        return name;
    }

    /** {@code package.rule}. */
    public String qualifiedName() {
        return qualifiedName;
    }

    /** COMPLETE, SET, OBJECT or FUNCTION; a rule with only a default is COMPLETE. */
    public RuleDecl.Kind kind() {
        return kind;
    }

    public Pos pos() {
        return pos;
    }

    /** Unique within a revision, dense from 0: indexes per-decision memo tables. */
    public int id() {
        return id;
    }

    public List<RuleDef> definitions() {
        return Collections.unmodifiableList(definitions);
    }

    public Value defaultValue() {
        return defaultValue;
    }

    public int arity() {
        return arity;
    }

    void addDefinition(RuleDef definition) {
        definitions.add(definition);
    }

    void setDefinition(int index, RuleDef definition) {
        definitions.set(index, definition);
    }

    void setDefaultValue(Value value) {
        this.defaultValue = value;
    }

    void setArity(int arity) {
        this.arity = arity;
    }

    @Override
    public String toString() {
        return qualifiedName();
    }
}
