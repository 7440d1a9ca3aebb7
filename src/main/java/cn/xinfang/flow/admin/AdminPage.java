package cn.xinfang.flow.admin;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * {@code /admin/flows}: the administrator page (static HTML and script in the jar). The page holds no
 * data; everything it shows comes from {@code /api/admin/flows}, which only administrators may call.
 */
@Configuration
class AdminPage implements WebMvcConfigurer {

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addViewController("/admin/flows").setViewName("forward:/admin/flows.html");
    registry.addRedirectViewController("/admin/flows/", "/admin/flows");
    // the document templates (documents/DocumentTemplateController)
    registry.addViewController("/admin/documents").setViewName("forward:/admin/documents.html");
  }
}
