package dev.forma.engine.hcl;

/** The kinds of token the HCL native-syntax scanner produces. */
public enum TokenKind {
  /** {@code {} */
  OBRACE,
  /** {@code }} */
  CBRACE,
  /** {@code [} */
  OBRACK,
  /** {@code ]} */
  CBRACK,
  /** {@code (} */
  OPAREN,
  /** {@code )} */
  CPAREN,
  /** The opening {@code "} of a quoted template. */
  OQUOTE,
  /** The closing {@code "} of a quoted template. */
  CQUOTE,
  /** A heredoc introducer, {@code <<EOT} or {@code <<-EOT}, including its newline. */
  OHEREDOC,
  /** A heredoc's closing marker line: leading whitespace and the marker, without the newline. */
  CHEREDOC,
  STAR,
  SLASH,
  PLUS,
  MINUS,
  PERCENT,
  /** {@code =} */
  EQUAL,
  /** {@code ==} */
  EQUAL_OP,
  /** {@code !} */
  BANG,
  /** {@code !=} */
  NOT_EQUAL,
  LESS_THAN,
  LESS_THAN_EQ,
  GREATER_THAN,
  GREATER_THAN_EQ,
  /** {@code &&} */
  AND,
  /** {@code ||} */
  OR,
  /** {@code &}: not an HCL operator, scanned so the parser can say so. */
  BITWISE_AND,
  /** {@code |}: not an HCL operator. */
  BITWISE_OR,
  /** {@code ^}: not an HCL operator. */
  BITWISE_XOR,
  /** {@code ~} outside a template sequence: not an HCL operator. */
  BITWISE_NOT,
  DOT,
  COMMA,
  /** {@code ...} */
  ELLIPSIS,
  /** {@code =>} */
  FAT_ARROW,
  QUESTION,
  COLON,
  /** {@code ::} of a provider-namespaced function name. */
  DOUBLE_COLON,
  /** {@code ${} or {@code ${~} opening an interpolation. */
  TEMPLATE_INTERP,
  /** {@code %{} or {@code %{~} opening a template directive. */
  TEMPLATE_CONTROL,
  /** {@code }} or {@code ~}} closing an interpolation or directive. */
  TEMPLATE_SEQ_END,
  /** Literal text of a quoted template, escapes not yet decoded. */
  QUOTED_LIT,
  /** Literal text of a heredoc or bare template (one line at most, with its newline). */
  STRING_LIT,
  /** A newline inside a quoted template: an error, it ends the template. */
  QUOTED_NEWLINE,
  NUMBER_LIT,
  IDENT,
  /** A {@code #}, {@code //} (without the newline) or {@code /* *}{@code /} comment. */
  COMMENT,
  /** {@code \n} or {@code \r\n}. */
  NEWLINE,
  /** A character the language does not use; the scanner has reported it. */
  INVALID,
  /** End of input: zero width. */
  EOF
}
