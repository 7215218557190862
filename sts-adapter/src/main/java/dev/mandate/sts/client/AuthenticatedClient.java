package dev.mandate.sts.client;

/** The client a request authenticated as, and how. */
public record AuthenticatedClient(String id, AuthMethod method) {}
