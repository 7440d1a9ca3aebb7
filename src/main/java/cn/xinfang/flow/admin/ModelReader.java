package cn.xinfang.flow.admin;

import java.io.ByteArrayInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.impl.BpmnModelInstanceImpl;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.impl.DmnModelInstanceImpl;
import org.camunda.bpm.model.xml.ModelParseException;
import org.camunda.bpm.model.xml.ModelValidationException;
import org.camunda.bpm.model.xml.impl.ModelImpl;
import org.camunda.bpm.model.xml.impl.instance.DomDocumentImpl;
import org.camunda.bpm.model.xml.instance.DomDocument;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads diagrams and decision tables into Camunda's model API for the deployment checks, validated against
 * the BPMN or DMN schema once.
 *
 * <p>{@code Bpmn.readModelFromStream} validates every file twice: its parser is a validating one given the
 * schema's files, so every parse loads and compiles the whole BPMN schema (BPMN20.xsd with Semantic.xsd and the
 * diagram interchange's) again, and then it validates the parsed document once more with the schema it
 * compiled at start. At the first start all of {@code processes/} passes the checks before the service is
 * ready; reading the eight shipped diagrams in a fresh JVM took 0.93–1.08 s of CPU that way, 0.74–0.76 s here
 * (issue 12; a whole first start did not change measurably). Here the parse does not validate and the document
 * is then validated with the model API's own compiled schema ({@link Bpmn#validateModel},
 * {@link Dmn#validateModel}): the same schema, the same verdict, once. The parser is protected against external
 * entities as the model API's is.
 */
final class ModelReader {

  private static final DocumentBuilderFactory FACTORY = factory();

  private ModelReader() {
  }

  static BpmnModelInstance bpmn(byte[] xml) {
    BpmnModelInstance model = new BpmnModelInstanceImpl((ModelImpl) Bpmn.INSTANCE.getBpmnModel(),
        Bpmn.INSTANCE.getBpmnModelBuilder(), parse(xml));
    Bpmn.validateModel(model);
    return model;
  }

  static DmnModelInstance dmn(byte[] xml) {
    DmnModelInstance model = new DmnModelInstanceImpl((ModelImpl) Dmn.INSTANCE.getDmnModel(),
        Dmn.INSTANCE.getDmnModelBuilder(), parse(xml));
    Dmn.validateModel(model);
    return model;
  }

  /**
   * What to tell an administrator of a file that could not be read: the parser's or the schema's own sentence
   * (the model API's first line only says which kind of exception it was).
   */
  static String problem(RuntimeException e) {
    Throwable cause = e;
    if ((e instanceof ModelParseException || e instanceof ModelValidationException) && e.getCause() != null) {
      cause = e.getCause();
    }
    String text = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    if (cause instanceof SAXParseException p && p.getLineNumber() > 0) {
      text = "第 " + p.getLineNumber() + " 行：" + text;
    }
    return text;
  }

  private static DomDocument parse(byte[] xml) {
    DocumentBuilder builder;
    // a factory is not safe for concurrent use; the builder it makes is this call's own
    synchronized (FACTORY) {
      try {
        builder = FACTORY.newDocumentBuilder();
      } catch (ParserConfigurationException e) {
        throw new ModelParseException("XML parser not available", e);
      }
    }
    builder.setErrorHandler(FAIL_ON_ERROR);
    try {
      Document document = builder.parse(new ByteArrayInputStream(xml));
      markIds(document.getDocumentElement());
      return new DomDocumentImpl(document);
    } catch (SAXException e) {
      throw new ModelParseException("SAXException while parsing input stream", e);
    } catch (java.io.IOException e) {
      throw new ModelParseException("IOException while parsing input stream", e);
    }
  }

  /**
   * The model API finds elements by id through the DOM ({@code getModelElementById}), which knows an attribute
   * as an id only from the schema: a validating parse types every {@code id} (xs:ID in the BPMN, DMN and diagram
   * interchange schemas), a plain one none. So the ids are typed here; two elements with one id are still
   * refused by the validation that follows.
   */
  private static void markIds(Element element) {
    if (element.hasAttributeNS(null, "id")) {
      element.setIdAttributeNS(null, "id", true);
    }
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element e) {
        markIds(e);
      }
    }
  }

  private static DocumentBuilderFactory factory() {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setValidating(false);
    factory.setIgnoringComments(false);
    factory.setIgnoringElementContentWhitespace(false);
    // no external entities, no DTD loading, no XInclude: as the model API's own parser
    try {
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the XML parser cannot be secured", e);
    }
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    return factory;
  }

  private static final ErrorHandler FAIL_ON_ERROR = new ErrorHandler() {
    @Override
    public void warning(SAXParseException e) {
      // a warning does not make a file unreadable
    }

    @Override
    public void error(SAXParseException e) throws SAXException {
      throw e;
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXException {
      throw e;
    }
  };
}
