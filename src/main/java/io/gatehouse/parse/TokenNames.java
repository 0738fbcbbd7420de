package io.gatehouse.parse;

import io.gatehouse.grammar.PolLexer;
import org.antlr.v4.runtime.Token;

/** Names of tokens as a policy author would say them, for syntax errors. */
final class TokenNames {

    private TokenNames() {
    }

    static String friendly(int type) {
        return switch (type) {
            case PolLexer.IDENT -> "a name";
            case PolLexer.STRING -> "a string";
            case PolLexer.RAW_STRING -> "a raw string";
            case PolLexer.NUMBER -> "a number";
            case Token.EOF -> "end of file";
            case PolLexer.UNEXPECTED, PolLexer.COMMENT, PolLexer.NEWLINE, PolLexer.WS -> null;
            default -> literal(type);
        };
    }

    private static String literal(int type) {
        String name = PolLexer.VOCABULARY.getLiteralName(type);
        return name == null ? null : "\"" + name.substring(1, name.length() - 1) + "\"";
    }
}
