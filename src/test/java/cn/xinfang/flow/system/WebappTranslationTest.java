package cn.xinfang.flow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Camunda webapps open in Chinese from our own translation
 * (src/main/resources/META-INF/resources/webjars/camunda/app/&lt;app&gt;/locales/zh.json), which must
 * cover every text of the English locale files shipped in the camunda-webapp-webjar on the
 * classpath (META-INF/resources/webjars/camunda/app/&lt;app&gt;/locales/en.json). A Camunda upgrade
 * that adds or renames texts fails here until they are translated.
 */
class WebappTranslationTest {

  static final String LOCALES = "META-INF/resources/webjars/camunda/app/%s/locales/%s.json";
  static final String WEBJAR = "camunda-webapp-webjar";

  static final Pattern CJK = Pattern.compile("[\\u3400-\\u9fff]");
  /** Angular placeholders ({{ name }}), the moment.js ones (%s, %d) and the "{}" of the diagram selection. */
  static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{[^}]*}}|\\{}|%[sd]");
  static final Pattern HTML_TAG = Pattern.compile("</?(?:a|b|br|code|em|i|li|p|span|strong|ul)\\b[^>]*>");
  /** English texts that stay as they are: codes and names (ID, CSV, null, Optimize), patterns (YYYY-MM-DD…). */
  static final Pattern NOT_TRANSLATED =
      Pattern.compile("[A-Z]{2,5}\\*?|null|Optimize|Camunda|[YMDHhmsT:./ -]+|[<>=]+");
  /** English plural ending the webapps append to a word ("instance" + "s"): Chinese has none. */
  static final String PLURAL_ENDING = "s";

  static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void everyEnglishTextHasAChineseText(String app) throws IOException {
    Map<String, JsonNode> en = flatten(read(webjarLocale(app, "en")));
    Map<String, JsonNode> zh = flatten(read(projectLocale(app)));
    assertThat(en).as("texts of the English %s locale in the webjar", app).hasSizeGreaterThan(100);

    List<String> missing = new ArrayList<>();
    List<String> empty = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : en.entrySet()) {
      String key = entry.getKey();
      JsonNode english = entry.getValue();
      JsonNode chinese = zh.get(key);
      if (chinese == null) {
        missing.add(key);
      } else if (english.isNumber()) {
        if (!chinese.isNumber()) {
          changed.add(key + " must stay a number: " + chinese);
        }
      } else if (chinese.asText().isBlank()) {
        // an empty English text (shown as nothing) or a plural ending stays empty in Chinese
        if (!english.asText().isEmpty() && !PLURAL_ENDING.equals(english.asText())) {
          empty.add(key);
        }
      } else if (!sorted(placeholders(english.asText())).equals(sorted(placeholders(chinese.asText())))) {
        changed.add(key + ": " + english.asText() + " => " + chinese.asText());
      }
    }
    SoftAssertions.assertSoftly(softly -> {
      softly.assertThat(missing).as("%s: English texts without a key in zh.json", app).isEmpty();
      softly.assertThat(empty).as("%s: English texts with an empty Chinese text", app).isEmpty();
      softly.assertThat(changed).as("%s: placeholders, HTML and numbers must be kept", app).isEmpty();
      softly.assertThat(zh.keySet()).as("%s: keys in zh.json the webjar no longer has", app).isSubsetOf(en.keySet());
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void chineseTextsAreTranslationsNotCopies(String app) throws IOException {
    Map<String, JsonNode> en = flatten(read(webjarLocale(app, "en")));
    Map<String, JsonNode> zh = flatten(read(projectLocale(app)));

    List<String> translatable = new ArrayList<>();
    List<String> notChinese = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : en.entrySet()) {
      String key = entry.getKey();
      if (!key.startsWith("labels.") || !isTranslatable(entry.getValue().asText())) {
        continue;
      }
      translatable.add(key);
      String chinese = zh.containsKey(key) ? zh.get(key).asText() : "";
      if (!CJK.matcher(chinese).find()) {
        notChinese.add(key + " = " + chinese);
      }
    }
    assertThat(translatable).as("%s: translatable texts", app).hasSizeGreaterThan(100);
    double chineseShare = 1.0 - (double) notChinese.size() / translatable.size();
    assertThat(chineseShare)
        .as("%s: share of texts in Chinese; without Chinese: %s", app,
            notChinese.subList(0, Math.min(20, notChinese.size())))
        .isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void dateNamesAreChinese() throws IOException {
    for (String app : List.of("tasklist", "cockpit", "admin")) {
      JsonNode dates = read(projectLocale(app)).path("dateLocales");
      for (String names : List.of("months", "weekdays", "weekdaysShort")) {
        assertThat(dates.path(names)).as("%s dateLocales.%s", app, names).isNotEmpty();
        dates.path(names).forEach(name -> assertThat(name.asText()).as("%s %s", app, names).containsPattern(CJK));
      }
      assertThat(dates.path("longDateFormat").path("LL").asText()).as("%s long date", app).isEqualTo("YYYY年M月D日");
    }
  }

  static boolean isTranslatable(String english) {
    String words = HTML_TAG.matcher(PLACEHOLDER.matcher(english).replaceAll(" ")).replaceAll(" ").strip();
    return words.chars().anyMatch(Character::isLetter)
        && !PLURAL_ENDING.equals(words)
        && !NOT_TRANSLATED.matcher(words).matches();
  }

  static List<String> placeholders(String text) {
    List<String> found = new ArrayList<>();
    for (Pattern pattern : List.of(PLACEHOLDER, HTML_TAG)) {
      Matcher m = pattern.matcher(text);
      while (m.find()) {
        found.add(m.group().replaceAll("\\s+", ""));
      }
    }
    return found;
  }

  static List<String> sorted(List<String> list) {
    List<String> copy = new ArrayList<>(list);
    Collections.sort(copy);
    return copy;
  }

  /** Nested keys joined with dots, list items as [i]: {"labels": {"OK": "Ok"}} → labels.OK. */
  static Map<String, JsonNode> flatten(JsonNode node) {
    Map<String, JsonNode> flat = new LinkedHashMap<>();
    flatten("", node, flat);
    return flat;
  }

  private static void flatten(String path, JsonNode node, Map<String, JsonNode> flat) {
    if (node.isObject()) {
      node.properties().forEach(e -> flatten(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), flat));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        flatten(path + "[" + i + "]", node.get(i), flat);
      }
    } else {
      flat.put(path, node);
    }
  }

  /** The English file inside the camunda-webapp-webjar jar (not a copy the project might add). */
  static URL webjarLocale(String app, String locale) throws IOException {
    Optional<URL> url = resources(String.format(LOCALES, app, locale)).stream()
        .filter(u -> u.toString().contains(WEBJAR)).findFirst();
    // Welcome is translated as long as the webjar ships locales for it
    assumeTrue(url.isPresent() || !app.equals("welcome"), "the webjar has no locales for Welcome");
    assertThat(url).as("%s/locales/%s.json in %s on the test classpath", app, locale, WEBJAR).isPresent();
    return url.get();
  }

  /** Our zh.json (from src/main/resources), not one of the webjar. */
  static URL projectLocale(String app) throws IOException {
    Optional<URL> url = resources(String.format(LOCALES, app, "zh")).stream()
        .filter(u -> !u.toString().contains(WEBJAR)).findFirst();
    assertThat(url).as("project file src/main/resources/" + LOCALES, app, "zh").isPresent();
    return url.get();
  }

  static List<URL> resources(String path) throws IOException {
    return Collections.list(WebappTranslationTest.class.getClassLoader().getResources(path));
  }

  static JsonNode read(URL url) throws IOException {
    try (InputStream in = url.openStream()) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      // Camunda's locale files start with a byte order mark
      return JSON.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
    }
  }
}
