package dev.mandate.pdp.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The policy and data files read from the policy directory at one moment, sorted by path, and
 * their revision: the SHA-256 over every (path, content) pair. The encoding is unambiguous
 * (path, a NUL, the content length, the content), so renaming a file or moving bytes between
 * files changes the revision just as editing does.
 */
public record PolicyBundle(List<PolicyFile> files, String revision) {
  public static PolicyBundle of(List<PolicyFile> files) {
    List<PolicyFile> sorted = files.stream().sorted(Comparator.comparing(PolicyFile::path)).toList();
    return new PolicyBundle(sorted, revisionOf(sorted));
  }

  private static String revisionOf(List<PolicyFile> sorted) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
    for (PolicyFile f : sorted) {
      sha.update(f.path().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      long n = f.content().length;
      for (int shift = 56; shift >= 0; shift -= 8) {
        sha.update((byte) (n >>> shift));
      }
      sha.update(f.content());
    }
    return HexFormat.of().formatHex(sha.digest());
  }
}
