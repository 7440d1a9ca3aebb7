package cn.xinfang.flow.closure;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * "The same facts" at registration: two subjects of the same petitioner share most of their words.
 * Chinese has no spaces, so words are approximated by overlapping character pairs (bigrams); the
 * measure is Dice's coefficient, 2·|A∩B| / (|A|+|B|): 1 for the same subject, 0.86 for
 * "拖欠农民工工资问题" against "拖欠农民工工资", 0.44 for "拖欠工资" against "拖欠农民工工资" (too far apart
 * to refuse a petition on), 0 for unrelated matters. Conservative on purpose: a match with a final
 * case ends the new petition as not re-accepted.
 */
public final class SubjectSimilarity {

  /** At or above this, a petition is taken to repeat an earlier case of the same petitioner. */
  public static final double SAME_FACTS = 0.6;

  private SubjectSimilarity() {}

  public static double of(String a, String b) {
    Set<String> x = bigrams(a);
    Set<String> y = bigrams(b);
    if (x.isEmpty() || y.isEmpty()) {
      return 0;
    }
    int common = 0;
    for (String g : x) {
      if (y.contains(g)) {
        common++;
      }
    }
    return 2.0 * common / (x.size() + y.size());
  }

  static Set<String> bigrams(String s) {
    Set<String> grams = new HashSet<>();
    if (s == null) {
      return grams;
    }
    // the same normalization as the subject key: no spaces, punctuation or letter case
    String t = s.toLowerCase(Locale.ROOT).replaceAll("[\\p{Punct}\\p{IsPunctuation}\\s　]+", "");
    if (t.length() == 1) {
      grams.add(t);
    }
    for (int i = 0; i + 1 < t.length(); i++) {
      grams.add(t.substring(i, i + 2));
    }
    return grams;
  }
}
