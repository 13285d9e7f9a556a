package dev.perfkit.local.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code CodeSha256} and {@code CodeSize} of a function's code: of the deployment package as
 * uploaded (what {@code openssl dgst -sha256 -binary function.zip | base64} prints), or, for code
 * deployed from jars and class directories, of their files in a stable order.
 *
 * @param sha256 the Base64 SHA-256
 * @param size bytes
 */
record CodeIdentity(String sha256, long size) {

  static CodeIdentity of(byte[] deploymentPackage) {
    MessageDigest digest = sha256Digest();
    return new CodeIdentity(encode(digest.digest(deploymentPackage)), deploymentPackage.length);
  }

  /** Of one jar, its bytes; of several entries or a directory, every file's path and bytes. */
  static CodeIdentity of(List<Path> code) {
    if (code.size() == 1 && Files.isRegularFile(code.get(0))) {
      MessageDigest digest = sha256Digest();
      long size = digestFile(digest, code.get(0));
      return new CodeIdentity(encode(digest.digest()), size);
    }
    MessageDigest digest = sha256Digest();
    long size = 0;
    for (Path entry : code) {
      try (Stream<Path> files = Files.walk(entry)) {
        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
          digest.update(entry.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
          size += digestFile(digest, file);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the code " + entry, e);
      }
    }
    return new CodeIdentity(encode(digest.digest()), size);
  }

  private static long digestFile(MessageDigest digest, Path file) {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      return in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the code " + file, e);
    }
  }

  private static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static String encode(byte[] hash) {
    return Base64.getEncoder().encodeToString(hash);
  }
}
