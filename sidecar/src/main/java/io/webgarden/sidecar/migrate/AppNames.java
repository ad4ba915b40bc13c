package io.webgarden.sidecar.migrate;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code metadata.name} rules. The operator names a Service after the App and another {@code
 * <name>-staging}, so a name must be a DNS-1035 label (lower-case letters, digits and {@code -},
 * starting with a letter, ending with a letter or digit) short enough that {@code -staging} still
 * fits in 63 characters.
 */
final class AppNames {
  static final int MAX_LENGTH = 63 - "-staging".length();
  private static final Pattern VALID = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");

  private AppNames() {}

  /** A valid name made from a folder name: {@code My Site_2} becomes {@code my-site-2}. */
  static String fromFolder(String folderName) {
    String ascii = Normalizer.normalize(folderName, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
    String name = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    name = name.replaceAll("^[^a-z]+", "");
    if (name.length() > MAX_LENGTH) {
      name = name.substring(0, MAX_LENGTH);
    }
    name = name.replaceAll("-+$", "");
    return name.isEmpty() ? "site" : name;
  }

  /**
   * @throws ConversionException saying what a valid name looks like
   */
  static String check(String name) throws ConversionException {
    if (name.length() > MAX_LENGTH || !VALID.matcher(name).matches()) {
      throw new ConversionException(
          "--name "
              + name
              + " is not a valid App name: use at most "
              + MAX_LENGTH
              + " lower-case letters, digits and '-', starting with a letter and ending"
              + " with a letter or digit (the operator names Services after it)");
    }
    return name;
  }
}
