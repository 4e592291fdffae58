package io.clickstream.oozie;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Oozie's own XSDs (from oozie-client), compiled as the server compiles them: the workflow schema together
 * with the action schemas its strict action slot accepts; coordinators with SLA; bundles alone.
 */
final class OozieSchemas {

    static final Schema WORKFLOW = compile("oozie-workflow-1.0.xsd", "hive2-action-1.0.xsd", "email-action-0.2.xsd",
            "shell-action-1.0.xsd", "distcp-action-1.0.xsd", "oozie-sla-0.2.xsd");
    static final Schema COORDINATOR = compile("oozie-coordinator-0.5.xsd", "oozie-sla-0.2.xsd");
    static final Schema BUNDLE = compile("oozie-bundle-0.2.xsd");

    private OozieSchemas() {
    }

    private static Schema compile(String... xsds) {
        List<Source> sources = new ArrayList<>();
        for (String xsd : xsds) {
            URL url = OozieSchemas.class.getResource("/" + xsd);
            if (url == null) {
                throw new IllegalStateException(xsd + " is not in oozie-client");
            }
            // The 1.0 schemas xs:include oozie-common-1.0.xsd: the jar URL as systemId resolves it.
            sources.add(new StreamSource(url.toExternalForm()));
        }
        try {
            return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(sources.toArray(new Source[0]));
        } catch (SAXException e) {
            throw new IllegalStateException("cannot compile " + List.of(xsds), e);
        }
    }

    /** Null when {@code file} is valid, else "file:line:column: reason". */
    static String problem(Schema schema, File file) throws IOException {
        Validator validator = schema.newValidator();
        try {
            validator.validate(new StreamSource(file));
            return null;
        } catch (SAXParseException e) {
            return file.getName() + ":" + e.getLineNumber() + ":" + e.getColumnNumber() + ": " + e.getMessage();
        } catch (SAXException e) {
            return file.getName() + ": " + e.getMessage();
        }
    }
}
