package cn.xinfang.flow.documents;

import cn.xinfang.flow.documents.DocumentStore.Kind;
import cn.xinfang.flow.documents.DocumentTemplates.Template;
import cn.xinfang.flow.system.Caller;
import cn.xinfang.flow.system.InvalidInputException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The document templates for administrators ({@code camunda-admin} only), behind the page
 * {@code /admin/documents}: {@code GET /api/admin/document-templates} lists every kind with the
 * template in force, the shipped default and the placeholders it may use; {@code PUT .../{KIND}}
 * changes one (checked whole, 400 naming the field when wrong); {@code DELETE .../{KIND}} restores the
 * default. Documents issued before a change keep their text.
 */
@RestController
@RequestMapping("/api/admin/document-templates")
class DocumentTemplateController {

  private static final Set<String> ADMINS = Set.of("camunda-admin");

  private final DocumentTemplates templates;
  private final Caller caller;

  DocumentTemplateController(DocumentTemplates templates, Caller caller) {
    this.templates = templates;
    this.caller = caller;
  }

  @GetMapping
  List<Map<String, Object>> list() {
    caller.requireAnyGroup(ADMINS, "查看文书模板");
    return Arrays.stream(Kind.values()).filter(Kind::templated).map(this::view).toList();
  }

  record Change(String title, String addressee, String body) {}

  @PutMapping("/{kind}")
  Map<String, Object> change(@PathVariable String kind, @RequestBody Change change) {
    caller.requireAnyGroup(ADMINS, "修改文书模板");
    Kind k = kind(kind);
    templates.change(k, change.title(), change.addressee(), change.body(), caller.userId());
    return view(k);
  }

  @DeleteMapping("/{kind}")
  Map<String, Object> reset(@PathVariable String kind) {
    caller.requireAnyGroup(ADMINS, "恢复默认文书模板");
    Kind k = kind(kind);
    templates.reset(k);
    return view(k);
  }

  private static Kind kind(String name) {
    return DocumentTemplates.kind(name).orElseThrow(() -> new InvalidInputException("kind",
        "没有这种文书：" + name + "。可选：" + String.join("、", Arrays.stream(Kind.values()).filter(Kind::templated)
            .map(k -> k.name() + "（" + k.label() + "）").toList())));
  }

  private Map<String, Object> view(Kind kind) {
    Template t = templates.current(kind);
    Template d = templates.shippedDefault(kind);
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("kind", kind.name());
    view.put("label", kind.label());
    view.put("audience", kind.audience().name());
    view.put("title", t.title());
    view.put("addressee", t.addressee());
    view.put("body", t.body());
    view.put("changed", t.changed());
    view.put("updatedBy", t.updatedBy());
    view.put("updatedAt", t.updatedAt());
    view.put("defaultTemplate", Map.of("title", d.title(), "addressee", d.addressee(), "body", d.body()));
    view.put("placeholders", DocumentTemplates.placeholders(kind));
    return view;
  }
}
