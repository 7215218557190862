package dev.mandate.rego.builtins;

/**
 * The built-ins every policy can call: OPA 1.x's library, less what Mandate leaves out by design
 * ({@code http.send}, {@code net.lookup_ip_addr}, {@code providers.aws.sign_req}: a decision
 * point on the token path must not reach the network from policy).
 */
public final class StandardLibrary {
  private static final BuiltinRegistry REGISTRY = build();

  private StandardLibrary() {}

  /** The shared, fully populated registry. */
  public static BuiltinRegistry registry() {
    return REGISTRY;
  }

  private static BuiltinRegistry build() {
    BuiltinRegistry r = new BuiltinRegistry();
    OperatorBuiltins.register(r);
    ArithmeticBuiltins.register(r);
    AggregateBuiltins.register(r);
    ArrayBuiltins.register(r);
    SetBuiltins.register(r);
    ObjectBuiltins.register(r);
    TypeBuiltins.register(r);
    StringBuiltins.register(r);
    CryptoBuiltins.register(r);
    JwtBuiltins.register(r);
    EncodingBuiltins.register(r);
    JsonBuiltins.register(r);
    YamlBuiltins.register(r);
    WalkBuiltins.register(r);
    GraphBuiltins.register(r);
    PrintBuiltins.register(r);
    SprintfBuiltins.register(r);
    RegexBuiltins.register(r);
    GlobBuiltins.register(r);
    TemplateBuiltins.register(r);
    TimeBuiltins.register(r);
    NetBuiltins.register(r);
    UnitsBuiltins.register(r);
    SemverBuiltins.register(r);
    UuidBuiltins.register(r);
    RandBuiltins.register(r);
    BitsBuiltins.register(r);
    return r;
  }
}
