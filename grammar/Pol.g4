grammar Pol;

// The .pol policy language. docs/language.md pins this grammar; change both together.
//
// Newlines separate the literals of a body, as in Rego. The lexer sends them to a hidden channel, so most of the
// grammar ignores them; the few places where a newline ends an expression (a '[' or '(' or a binary '-' starting a
// new line begins a new literal instead of continuing the last one) ask `sameLine()`.

@parser::members {
    /** True when no newline separates the previous token from the next one. */
    private boolean sameLine() {
        org.antlr.v4.runtime.Token next = _input.LT(1);
        org.antlr.v4.runtime.Token previous = _input.LT(-1);
        return previous == null || next == null || previous.getLine() == next.getLine();
    }
}

module : packageDecl statement* EOF ;

packageDecl : 'package' dottedName ;

statement
    : importDecl
    | operationDecl
    | ruleDecl
    ;

importDecl : 'import' dottedName ('as' IDENT)? ;

// `operation` is a contextual keyword: the AST builder checks the word, so rules and variables may still use it.
operationDecl : IDENT STRING '{' operationField* '}' ;

operationField : IDENT ':' STRING ','? ;

ruleDecl
    : 'default' IDENT ('(' ')')? assignOp expr                                # defaultRule
    | IDENT '(' (term (',' term)*)? ')' (assignOp expr)? ruleBody?            # functionRule
    | IDENT 'contains' expr ruleBody?                                         # setRule
    | IDENT '[' expr ']' assignOp expr ruleBody?                              # objectRule
    | IDENT (assignOp expr)? ruleBody?                                        # completeRule
    ;

assignOp : ':=' | '=' ;

ruleBody
    : 'if' '{' body '}'
    | 'if' literal
    ;

body : literal? (';'? literal)* ';'? ;

literal
    : 'some' IDENT (',' IDENT)* 'in' expr                                     # someIn
    | 'some' IDENT (',' IDENT)*                                               # someDecl
    | 'every' IDENT (',' IDENT)? 'in' expr '{' body '}'                       # everyLit
    | 'not' expr withClause*                                                  # notLit
    | expr ':=' expr withClause*                                              # assignLit
    | expr '=' expr withClause*                                               # unifyLit
    | expr withClause*                                                        # exprLit
    ;

withClause : 'with' ref 'as' expr ;

// Precedence: ANTLR gives the earlier alternative the tighter binding, so this list runs from unary minus (tightest)
// through product, sum, comparison, intersection and union down to membership (loosest).
expr
    : '-' expr                                                                # negateExpr
    | expr op=('*' | '/' | '%') expr                                          # productExpr
    | expr {sameLine()}? op=('+' | '-') expr                                  # sumExpr
    | expr op=('==' | '!=' | '<' | '<=' | '>' | '>=') expr                    # compareExpr
    | expr '&' expr                                                           # intersectExpr
    | expr '|' expr                                                           # unionExpr
    | expr 'in' expr                                                          # inExpr
    | term                                                                    # termExpr
    ;

term : primary suffix* ;

suffix
    : '.' name                                                                # dotSuffix
    | {sameLine()}? '[' expr ']'                                              # bracketSuffix
    | {sameLine()}? '(' (expr (',' expr)*)? ')'                               # callSuffix
    ;

ref : name ('.' name | '[' expr ']')* ;

primary
    : scalar                                                                  # scalarPrimary
    | (IDENT | 'contains')                                                    # namePrimary
    | '(' expr ')'                                                            # parenPrimary
    | '[' expr '|' body ']'                                                   # arrayComprehension
    | '{' expr ':' expr '|' body '}'                                          # objectComprehension
    | '{' expr '|' body '}'                                                   # setComprehension
    | '[' (expr (',' expr)* ','?)? ']'                                        # arrayLiteral
    | '{' (objectEntry (',' objectEntry)* ','?)? '}'                          # objectLiteral
    | '{' expr (',' expr)* ','? '}'                                           # setLiteral
    ;

objectEntry : expr ':' expr ;

scalar : STRING | RAW_STRING | NUMBER | 'true' | 'false' | 'null' ;

// Words that are keywords elsewhere may still name a field after a dot or a builtin such as `contains`.
name : IDENT | 'contains' | 'in' | 'if' | 'some' | 'every' | 'not' | 'with' | 'as' | 'default' | 'import'
     | 'package' ;

dottedName : IDENT ('.' IDENT)* ;

NUMBER : DIGITS ('.' DIGITS)? ([eE] [+-]? DIGITS)? ;
fragment DIGITS : [0-9]+ ;
STRING : '"' (ESCAPE | ~["\\\r\n])* '"' ;
fragment ESCAPE : '\\' (["\\/bfnrt] | 'u' HEX HEX HEX HEX) ;
fragment HEX : [0-9a-fA-F] ;
RAW_STRING : '`' ~'`'* '`' ;
IDENT : [a-zA-Z_][a-zA-Z0-9_]* ;
COMMENT : '#' ~[\r\n]* -> channel(HIDDEN) ;
NEWLINE : [\r\n]+ -> channel(HIDDEN) ;
WS : [ \t]+ -> channel(HIDDEN) ;
UNEXPECTED : . ;
