package io.telemetra.analytics.sentiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A valence lexicon (term to score on VADER's -4..+4 scale) loaded from a tab-separated classpath
 * resource; lines starting with {@code #} are comments and later entries win.
 */
public final class Lexicon {

  private final Map<String, Double> valences;

  private Lexicon(Map<String, Double> valences) {
    this.valences = Map.copyOf(valences);
  }

  /** Loads {@code resource} (relative to this package). */
  public static Lexicon load(String resource) {
    try (InputStream in = Lexicon.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("lexicon resource missing: " + resource);
      }
      Map<String, Double> valences = new HashMap<>();
      var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("# ")) {
          continue;
        }
        int tab = line.indexOf('\t');
        if (tab <= 0) {
          throw new IllegalStateException(resource + ": not term<TAB>valence: " + line);
        }
        int end = line.indexOf('\t', tab + 1);
        String value = end < 0 ? line.substring(tab + 1) : line.substring(tab + 1, end);
        valences.put(line.substring(0, tab), Double.parseDouble(value.strip()));
      }
      return new Lexicon(valences);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public OptionalDouble valence(String term) {
    Double v = valences.get(term);
    return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
  }

  public boolean contains(String term) {
    return valences.containsKey(term);
  }

  public int size() {
    return valences.size();
  }
}
