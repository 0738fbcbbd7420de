grammar Pol;

// Placeholder so the build wires ANTLR end to end; the full grammar replaces it.
module : packageDecl EOF ;
packageDecl : 'package' IDENT ('.' IDENT)* ;
IDENT : [a-zA-Z_][a-zA-Z0-9_]* ;
WS : [ \t\r\n]+ -> skip ;
