package org.fangxin.bank.format;

import com.prowidesoftware.swift.model.mx.AbstractMX;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.UnmarshalException;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.ValidationEvent;
import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;

/**
 * Strict reading of one ISO 20022 document into its Prowide model. Prowide's own {@code parse} is lenient (it logs and
 * returns null on bad input), which would let a broken statement pass as an empty one; here every XML or binding
 * error stops the read with the line it was found on. DTDs and external entities are refused (XXE).
 */
final class IsoXml {

    private static final Map<Class<?>, JAXBContext> CONTEXTS = new ConcurrentHashMap<>();
    private static final XMLInputFactory INPUT = secureInputFactory();

    private IsoXml() {
    }

    /**
     * Reads the document of the given message type, e.g. {@code read(xml, "camt.053.001.08", MxCamt05300108.class, MxCamt05300108._classes)}.
     * Accepts a bare {@code Document} or one wrapped in an envelope whose first {@code Document} element is read.
     */
    static <T extends AbstractMX> T read(byte[] xml, String messageName, Class<T> type, Class<?>[] modelClasses) {
        if (xml == null || xml.length == 0) {
            throw new MalformedBankFile(messageName, 0, "the file is empty");
        }
        String namespace = "urn:iso:std:iso:20022:tech:xsd:" + messageName;
        XMLStreamReader reader = null;
        StrictHandler handler = new StrictHandler(messageName);
        try {
            reader = INPUT.createXMLStreamReader(new ByteArrayInputStream(xml));
            moveToDocument(reader, messageName, namespace);
            Unmarshaller unmarshaller = context(type, modelClasses).createUnmarshaller();
            unmarshaller.setEventHandler(handler);
            T message = unmarshaller.unmarshal(new WithoutNamespace(reader), type).getValue();
            if (handler.firstProblem != null) {
                throw handler.firstProblem;
            }
            return message;
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
            throw new MalformedBankFile(messageName, Math.max(line, 0), "not well-formed XML: " + cleanMessage(e.getMessage()), e);
        } catch (UnmarshalException e) {
            if (handler.firstProblem != null) {
                throw handler.firstProblem;
            }
            Throwable cause = e.getLinkedException() != null ? e.getLinkedException() : e.getCause();
            if (cause instanceof MalformedBankFile malformed) {
                throw malformed;
            }
            if (cause instanceof XMLStreamException xmlError) {
                int line = xmlError.getLocation() == null ? 0 : xmlError.getLocation().getLineNumber();
                throw new MalformedBankFile(messageName, Math.max(line, 0), "not well-formed XML: " + cleanMessage(xmlError.getMessage()), e);
            }
            throw new MalformedBankFile(messageName, 0, "does not fit the " + messageName + " model: " + cleanMessage(String.valueOf(e.getMessage())), e);
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot bind " + messageName, e);
        } finally {
            close(reader);
        }
    }

    private static void moveToDocument(XMLStreamReader reader, String messageName, String namespace) throws XMLStreamException {
        boolean sawRoot = false;
        while (reader.hasNext()) {
            if (reader.next() == XMLStreamReader.START_ELEMENT) {
                if ("Document".equals(reader.getLocalName())) {
                    if (!namespace.equals(reader.getNamespaceURI())) {
                        throw new MalformedBankFile(messageName, reader.getLocation().getLineNumber(),
                                "expected a " + messageName + " document (namespace " + namespace + ") but found namespace '"
                                        + reader.getNamespaceURI() + "'");
                    }
                    return;
                }
                sawRoot = true;
            }
        }
        throw new MalformedBankFile(messageName, 0, sawRoot
                ? "no ISO 20022 <Document> element found"
                : "the file contains no XML element");
    }

    private static JAXBContext context(Class<?> type, Class<?>[] modelClasses) {
        return CONTEXTS.computeIfAbsent(type, t -> {
            try {
                return JAXBContext.newInstance(modelClasses);
            } catch (JAXBException e) {
                throw new IllegalStateException("cannot create the JAXB context for " + t.getName(), e);
            }
        });
    }

    private static XMLInputFactory secureInputFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory;
    }

    private static String cleanMessage(String message) {
        if (message == null) {
            return "unknown error";
        }
        // StAX prefixes "ParseError at [row,col]:[3,5]\nMessage: " which the line number already says.
        int index = message.indexOf("Message: ");
        return (index >= 0 ? message.substring(index + 9) : message).strip();
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // nothing was kept open beyond the byte array
            }
        }
    }

    /**
     * Prowide's element classes are shared by all versions of a message and bound without a namespace; the namespace
     * was checked on the Document element already, so below it the reader presents names without one.
     */
    private static final class WithoutNamespace extends StreamReaderDelegate {
        private WithoutNamespace(XMLStreamReader reader) {
            super(reader);
        }

        @Override
        public String getNamespaceURI() {
            return isStartElement() || isEndElement() ? "" : super.getNamespaceURI();
        }

        @Override
        public QName getName() {
            return new QName(getLocalName());
        }

        @Override
        public String getPrefix() {
            return isStartElement() || isEndElement() ? "" : super.getPrefix();
        }
    }

    /** Turns the first binding problem (unknown element, bad number or date) into a stop naming its line. */
    private static final class StrictHandler implements jakarta.xml.bind.ValidationEventHandler {
        private final String messageName;
        private MalformedBankFile firstProblem;

        private StrictHandler(String messageName) {
            this.messageName = messageName;
        }

        @Override
        public boolean handleEvent(ValidationEvent event) {
            int line = event.getLocator() == null ? 0 : Math.max(event.getLocator().getLineNumber(), 0);
            firstProblem = new MalformedBankFile(messageName, line, cleanMessage(event.getMessage()), event.getLinkedException());
            return false;
        }
    }
}
