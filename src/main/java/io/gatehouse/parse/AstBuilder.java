package io.gatehouse.parse;

import io.gatehouse.ast.Expr;
import io.gatehouse.ast.Literal;
import io.gatehouse.ast.Module;
import io.gatehouse.ast.Pos;
import io.gatehouse.ast.RuleDecl;
import io.gatehouse.check.Problems;
import io.gatehouse.grammar.PolParser;
import io.gatehouse.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Maps the ANTLR parse tree to AST records. Only structure: names stay unresolved and meaning is checked later.
 * A context this class does not know is a bug in the grammar-to-AST mapping, so it throws rather than guess.
 */
final class AstBuilder {

    private final String file;
    private final Problems problems;

    AstBuilder(String file, Problems problems) {
        this.file = file;
        this.problems = problems;
    }

    Module module(PolParser.ModuleContext context) {
        List<Module.Import> imports = new ArrayList<>();
        List<Module.OperationDecl> operations = new ArrayList<>();
        List<RuleDecl> rules = new ArrayList<>();
        for (PolParser.StatementContext statement : context.statement()) {
            if (statement.importDecl() != null) {
                imports.add(importDecl(statement.importDecl()));
            } else if (statement.operationDecl() != null) {
                operations.add(operationDecl(statement.operationDecl()));
            } else if (statement.ruleDecl() != null) {
                rules.add(rule(statement.ruleDecl()));
            } else {
                throw unhandled(statement);
            }
        }
        PolParser.PackageDeclContext pkg = context.packageDecl();
        return new Module(file, dotted(pkg.dottedName()), imports, operations, rules, pos(pkg));
    }

    private Module.Import importDecl(PolParser.ImportDeclContext context) {
        List<String> path = dotted(context.dottedName());
        String alias = context.IDENT() != null ? context.IDENT().getText() : path.get(path.size() - 1);
        return new Module.Import(path, alias, pos(context));
    }

    private Module.OperationDecl operationDecl(PolParser.OperationDeclContext context) {
        if (!"operation".equals(context.IDENT().getText())) {
            problems.error(Problems.Code.SYNTAX, pos(context.IDENT().getSymbol()),
                    "unexpected \"" + context.IDENT().getText() + "\"", "a block with a string title is only "
                            + "allowed as `operation \"name\" { ... }`");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (PolParser.OperationFieldContext field : context.operationField()) {
            String key = field.IDENT().getText();
            if (fields.put(key, string(field.STRING().getSymbol())) != null) {
                problems.error(Problems.Code.INVALID_OPERATION, pos(field), "duplicate field \"" + key + "\"");
            }
        }
        return new Module.OperationDecl(string(context.STRING().getSymbol()), fields, pos(context));
    }

    private RuleDecl rule(PolParser.RuleDeclContext context) {
        if (context instanceof PolParser.DefaultRuleContext rule) {
            return new RuleDecl(RuleDecl.Kind.DEFAULT, rule.IDENT().getText(), List.of(), null, expr(rule.expr()),
                    List.of(), false, pos(rule));
        }
        if (context instanceof PolParser.FunctionRuleContext rule) {
            List<Expr> params = rule.term().stream().map(this::term).toList();
            return new RuleDecl(RuleDecl.Kind.FUNCTION, rule.IDENT().getText(), params, null, optional(rule.expr()),
                    body(rule.ruleBody()), rule.ruleBody() != null, pos(rule));
        }
        if (context instanceof PolParser.SetRuleContext rule) {
            return new RuleDecl(RuleDecl.Kind.SET, rule.IDENT().getText(), List.of(), expr(rule.expr()), null,
                    body(rule.ruleBody()), rule.ruleBody() != null, pos(rule));
        }
        if (context instanceof PolParser.ObjectRuleContext rule) {
            return new RuleDecl(RuleDecl.Kind.OBJECT, rule.IDENT().getText(), List.of(), expr(rule.expr(0)),
                    expr(rule.expr(1)), body(rule.ruleBody()), rule.ruleBody() != null, pos(rule));
        }
        if (context instanceof PolParser.CompleteRuleContext rule) {
            return new RuleDecl(RuleDecl.Kind.COMPLETE, rule.IDENT().getText(), List.of(), null, optional(rule.expr()),
                    body(rule.ruleBody()), rule.ruleBody() != null, pos(rule));
        }
        throw unhandled(context);
    }

    private Expr optional(PolParser.ExprContext context) {
        return context == null ? null : expr(context);
    }

    private List<Literal> body(PolParser.RuleBodyContext context) {
        if (context == null) {
            return List.of();
        }
        if (context.body() != null) {
            return body(context.body());
        }
        return List.of(literal(context.literal()));
    }

    private List<Literal> body(PolParser.BodyContext context) {
        return context.literal().stream().map(this::literal).toList();
    }

    private Literal literal(PolParser.LiteralContext context) {
        Pos pos = pos(context);
        if (context instanceof PolParser.SomeInContext some) {
            List<String> names = names(some.IDENT());
            if (names.size() > 2) {
                problems.error(Problems.Code.SYNTAX, pos, "`some ... in` takes one or two variables",
                        "write `some x in xs` or `some key, value in xs`");
            }
            String key = names.size() >= 2 ? names.get(0) : null;
            return new Literal.SomeIn(key, names.get(names.size() - 1), expr(some.expr()), pos);
        }
        if (context instanceof PolParser.SomeDeclContext some) {
            return new Literal.SomeDecl(names(some.IDENT()), pos);
        }
        if (context instanceof PolParser.EveryLitContext every) {
            List<String> names = names(every.IDENT());
            String key = names.size() == 2 ? names.get(0) : null;
            return new Literal.Every(key, names.get(names.size() - 1), expr(every.expr()), body(every.body()), pos);
        }
        if (context instanceof PolParser.NotLitContext not) {
            return new Literal.Not(expr(not.expr()), withs(not.withClause()), pos);
        }
        if (context instanceof PolParser.AssignLitContext assign) {
            return new Literal.Assign(expr(assign.expr(0)), expr(assign.expr(1)), withs(assign.withClause()), pos);
        }
        if (context instanceof PolParser.UnifyLitContext unify) {
            return new Literal.Unify(expr(unify.expr(0)), expr(unify.expr(1)), withs(unify.withClause()), pos);
        }
        if (context instanceof PolParser.ExprLitContext plain) {
            return new Literal.ExprLit(expr(plain.expr()), withs(plain.withClause()), pos);
        }
        throw unhandled(context);
    }

    private List<Literal.With> withs(List<PolParser.WithClauseContext> clauses) {
        List<Literal.With> withs = new ArrayList<>();
        for (PolParser.WithClauseContext clause : clauses) {
            withs.add(new Literal.With(ref(clause.ref()), expr(clause.expr()), pos(clause)));
        }
        return withs;
    }

    private Expr.Ref ref(PolParser.RefContext context) {
        List<Expr> path = new ArrayList<>();
        for (int i = 1; i < context.getChildCount(); i++) {
            var child = context.getChild(i);
            if (child instanceof PolParser.NameContext name) {
                path.add(new Expr.Scalar(new Value.Str(name.getText()), pos(name)));
            } else if (child instanceof PolParser.ExprContext expr) {
                path.add(expr(expr));
            }
        }
        Expr head = new Expr.Var(context.name(0).getText(), pos(context));
        return new Expr.Ref(head, path, pos(context));
    }

    Expr expr(PolParser.ExprContext context) {
        Pos pos = pos(context);
        if (context instanceof PolParser.TermExprContext term) {
            return term(term.term());
        }
        if (context instanceof PolParser.NegateExprContext negate) {
            Expr operand = expr(negate.expr());
            if (operand instanceof Expr.Scalar scalar && scalar.value() instanceof Value.Num number) {
                return new Expr.Scalar(new Value.Num(number.value().negate()), pos);
            }
            return new Expr.Negate(operand, pos);
        }
        if (context instanceof PolParser.ProductExprContext binary) {
            return binary(binary.op, binary.expr(0), binary.expr(1), pos);
        }
        if (context instanceof PolParser.SumExprContext binary) {
            return binary(binary.op, binary.expr(0), binary.expr(1), pos);
        }
        if (context instanceof PolParser.CompareExprContext binary) {
            return binary(binary.op, binary.expr(0), binary.expr(1), pos);
        }
        if (context instanceof PolParser.IntersectExprContext binary) {
            return new Expr.Binary(Expr.Op.INTERSECT, expr(binary.expr(0)), expr(binary.expr(1)), pos);
        }
        if (context instanceof PolParser.UnionExprContext binary) {
            return new Expr.Binary(Expr.Op.UNION, expr(binary.expr(0)), expr(binary.expr(1)), pos);
        }
        if (context instanceof PolParser.InExprContext binary) {
            return new Expr.Binary(Expr.Op.IN, expr(binary.expr(0)), expr(binary.expr(1)), pos);
        }
        throw unhandled(context);
    }

    private Expr binary(Token op, PolParser.ExprContext left, PolParser.ExprContext right, Pos pos) {
        for (Expr.Op candidate : Expr.Op.values()) {
            if (candidate.symbol().equals(op.getText())) {
                return new Expr.Binary(candidate, expr(left), expr(right), pos);
            }
        }
        throw new IllegalStateException("operator " + op.getText() + " has no AST mapping");
    }

    Expr term(PolParser.TermContext context) {
        Expr current = primary(context.primary());
        List<Expr> path = new ArrayList<>();
        for (PolParser.SuffixContext suffix : context.suffix()) {
            if (suffix instanceof PolParser.DotSuffixContext dot) {
                path.add(new Expr.Scalar(new Value.Str(dot.name().getText()), pos(dot.name())));
            } else if (suffix instanceof PolParser.BracketSuffixContext bracket) {
                path.add(expr(bracket.expr()));
            } else if (suffix instanceof PolParser.CallSuffixContext call) {
                current = call(current, path, call);
                path = new ArrayList<>();
            } else {
                throw unhandled(suffix);
            }
        }
        return path.isEmpty() ? current : new Expr.Ref(current, path, current.pos());
    }

    private Expr call(Expr head, List<Expr> path, PolParser.CallSuffixContext call) {
        StringBuilder name = new StringBuilder();
        if (head instanceof Expr.Var var) {
            name.append(var.name());
        }
        for (Expr step : path) {
            if (step instanceof Expr.Scalar scalar && scalar.value() instanceof Value.Str text && name.length() > 0) {
                name.append('.').append(text.value());
            } else {
                name.setLength(0);
                break;
            }
        }
        if (name.length() == 0) {
            problems.error(Problems.Code.SYNTAX, pos(call), "only a function name can be called",
                    "call a builtin or a function rule by its dotted name, e.g. `count(xs)`");
        }
        List<Expr> args = call.expr().stream().map(this::expr).toList();
        return new Expr.Call(name.toString(), args, head.pos());
    }

    private Expr primary(PolParser.PrimaryContext context) {
        Pos pos = pos(context);
        if (context instanceof PolParser.ScalarPrimaryContext scalar) {
            return new Expr.Scalar(scalar(scalar.scalar()), pos);
        }
        if (context instanceof PolParser.NamePrimaryContext name) {
            return new Expr.Var(name.getText(), pos);
        }
        if (context instanceof PolParser.ParenPrimaryContext paren) {
            return expr(paren.expr());
        }
        if (context instanceof PolParser.ArrayComprehensionContext array) {
            return new Expr.Comprehension(Expr.Comprehension.Kind.ARRAY, null, expr(array.expr()),
                    body(array.body()), pos);
        }
        if (context instanceof PolParser.SetComprehensionContext set) {
            return new Expr.Comprehension(Expr.Comprehension.Kind.SET, null, expr(set.expr()), body(set.body()), pos);
        }
        if (context instanceof PolParser.ObjectComprehensionContext object) {
            return new Expr.Comprehension(Expr.Comprehension.Kind.OBJECT, expr(object.expr(0)), expr(object.expr(1)),
                    body(object.body()), pos);
        }
        if (context instanceof PolParser.ArrayLiteralContext array) {
            return new Expr.ArrayLit(array.expr().stream().map(this::expr).toList(), pos);
        }
        if (context instanceof PolParser.SetLiteralContext set) {
            return new Expr.SetLit(set.expr().stream().map(this::expr).toList(), pos);
        }
        if (context instanceof PolParser.ObjectLiteralContext object) {
            List<Expr> keys = new ArrayList<>();
            List<Expr> values = new ArrayList<>();
            for (PolParser.ObjectEntryContext entry : object.objectEntry()) {
                keys.add(expr(entry.expr(0)));
                values.add(expr(entry.expr(1)));
            }
            return new Expr.ObjectLit(keys, values, pos);
        }
        throw unhandled(context);
    }

    private Value scalar(PolParser.ScalarContext context) {
        Token token = context.getStart();
        return switch (token.getText()) {
            case "true" -> Value.Bool.TRUE;
            case "false" -> Value.Bool.FALSE;
            case "null" -> Value.Null.INSTANCE;
            default -> scalarToken(token);
        };
    }

    private Value scalarToken(Token token) {
        if (context(token, PolParser.NUMBER)) {
            return new Value.Num(new BigDecimal(token.getText()));
        }
        if (context(token, PolParser.RAW_STRING)) {
            String text = token.getText();
            return new Value.Str(text.substring(1, text.length() - 1));
        }
        return new Value.Str(string(token));
    }

    private static boolean context(Token token, int type) {
        return token.getType() == type;
    }

    private String string(Token token) {
        String text = token.getText();
        if (token.getType() == PolParser.RAW_STRING) {
            return text.substring(1, text.length() - 1);
        }
        return StringEscapes.unquote(text);
    }

    private static List<String> names(List<TerminalNode> nodes) {
        return nodes.stream().map(TerminalNode::getText).toList();
    }

    private static List<String> dotted(PolParser.DottedNameContext context) {
        return names(context.IDENT());
    }

    private Pos pos(ParserRuleContext context) {
        return pos(context.getStart());
    }

    private Pos pos(Token token) {
        return new Pos(file, token.getLine(), token.getCharPositionInLine() + 1);
    }

    private static IllegalStateException unhandled(ParserRuleContext context) {
        return new IllegalStateException("no AST mapping for parse context " + context.getClass().getSimpleName()
                + " at line " + context.getStart().getLine());
    }
}
