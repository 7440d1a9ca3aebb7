package cn.xinfang.flow.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Variables shown in a Tasklist form appear as typed, never as markup. form-js 1.x (Tasklist 7.24)
 * puts a template's values into a "text" component's markdown unescaped, so a subject typed as
 * {@code <h1>…</h1>} or {@code **…**} would be rendered; its "html" component escapes every
 * inserted value ({@code & < > " ' { } : ;}) before rendering. So every component that shows
 * variables is an "html" one, and the static HTML around the values is ours.
 */
class FormTemplatesTest {

  @Test
  void shouldShowVariablesOnlyThroughEscapingHtmlComponents() throws IOException {
    List<String> markdownWithVariables = new ArrayList<>();
    List<String> htmlWithVariables = new ArrayList<>();
    try (Stream<Path> forms = Files.list(Path.of("forms"))) {
      for (Path form : forms.filter(f -> f.toString().endsWith(".form")).sorted().toList()) {
        walk(new ObjectMapper().readTree(form.toFile()).path("components"), form.getFileName().toString(),
            markdownWithVariables, htmlWithVariables);
      }
    }
    assertThat(markdownWithVariables).as("text (markdown) components that insert variables unescaped").isEmpty();
    assertThat(htmlWithVariables).as("the case summaries are html components").isNotEmpty();
  }

  private static void walk(JsonNode components, String form, List<String> markdown, List<String> html) {
    for (JsonNode c : components) {
      String type = c.path("type").asText();
      if ("text".equals(type) && c.path("text").asText().contains("{{")) {
        markdown.add(form + "#" + c.path("id").asText());
      }
      if ("text".equals(type) && c.path("text").asText().startsWith("=")) {
        markdown.add(form + "#" + c.path("id").asText() + " (FEEL expression)");
      }
      if ("html".equals(type) && c.path("content").asText().contains("{{")) {
        html.add(form + "#" + c.path("id").asText());
      }
      walk(c.path("components"), form, markdown, html);
    }
  }
}
