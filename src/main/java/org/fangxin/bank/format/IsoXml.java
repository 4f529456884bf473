package org.fangxin.bank.format;

import com.prowidesoftware.swift.model.mx.AbstractMX;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.UnmarshalException;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.ValidationEvent;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
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
        return read(xml, messageName, type, modelClasses, null);
    }

    /**
     * Like {@link #read(byte[], String, Class, Class[])}, but the elements at {@code streamed}'s path are bound one at a
     * time and handed to its sink as the file streams by, never kept in the document's tree: a statement of a million
     * entries costs one entry's model at a time.
     */
    static <T extends AbstractMX> T read(byte[] xml, String messageName, Class<T> type, Class<?>[] modelClasses,
                                         Streamed<?> streamed) {
        if (xml == null || xml.length == 0) {
            throw new MalformedBankFile(messageName, 0, "the file is empty");
        }
        String namespace = "urn:iso:std:iso:20022:tech:xsd:" + messageName;
        XMLStreamReader reader = null;
        StrictHandler handler = new StrictHandler(messageName);
        try {
            reader = INPUT.createXMLStreamReader(new ByteArrayInputStream(xml));
            moveToDocument(reader, messageName, namespace);
            JAXBContext context = context(type, modelClasses);
            Unmarshaller unmarshaller = context.createUnmarshaller();
            unmarshaller.setEventHandler(handler);
            XMLStreamReader plain = new WithoutNamespace(reader);
            XMLStreamReader source = streamed == null ? plain : new Streaming<>(plain, streamed, context, handler);
            T message = unmarshaller.unmarshal(source, type).getValue();
            if (handler.firstProblem != null) {
                throw handler.firstProblem;
            }
            return message;
        } catch (XMLStreamException e) {
            throw notWellFormed(messageName, e, e);
        } catch (UnmarshalException e) {
            throw malformed(messageName, handler, e);
        } catch (StreamedElementRefused e) {
            throw e.getCause() instanceof UnmarshalException refused ? malformed(messageName, handler, refused)
                    : new IllegalStateException("cannot bind " + messageName, e.getCause());
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot bind " + messageName, e);
        } finally {
            close(reader);
        }
    }

    private static MalformedBankFile malformed(String messageName, StrictHandler handler, UnmarshalException e) {
        if (handler.firstProblem != null) {
            return handler.firstProblem;
        }
        for (Throwable cause = e; cause != null; cause = cause instanceof JAXBException j && j.getLinkedException() != null
                ? j.getLinkedException() : cause.getCause()) {
            if (cause instanceof MalformedBankFile malformed) {
                return malformed;
            }
            if (cause instanceof StreamedElementRefused refused && refused.getCause() instanceof UnmarshalException inner) {
                return malformed(messageName, handler, inner);
            }
            if (cause instanceof XMLStreamException xmlError) {
                return notWellFormed(messageName, xmlError, e);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return new MalformedBankFile(messageName, 0, "does not fit the " + messageName + " model: " + cleanMessage(String.valueOf(e.getMessage())), e);
    }

    private static MalformedBankFile notWellFormed(String messageName, XMLStreamException xmlError, Exception e) {
        int line = xmlError.getLocation() == null ? 0 : xmlError.getLocation().getLineNumber();
        return new MalformedBankFile(messageName, Math.max(line, 0), "not well-formed XML: " + cleanMessage(xmlError.getMessage()), e);
    }

    /**
     * Elements read one at a time instead of into the document's tree.
     *
     * @param path local names from below {@code Document} down to the element, e.g. BkToCstmrStmt/Stmt/Ntry
     * @param sink given each element with the position of its parent among the parent's kind (1 for the first Stmt)
     *             and its own position within that parent (1 for the first Ntry)
     */
    record Streamed<E>(List<String> path, Class<E> type, Sink<E> sink) {
        Streamed {
            path = List.copyOf(path);
        }
    }

    /** Takes one streamed element; may throw {@link MalformedBankFile}. */
    @FunctionalInterface
    interface Sink<E> {
        void accept(E element, int parentPosition, int position);
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

    /**
     * Hands the outer unmarshaller every event except the subtrees at the streamed path: each of those is bound on its
     * own by a second unmarshaller and given to the sink, and the outer one continues after its end tag as if the
     * element was not there (JAXB leaves the reader on the event after an element it has read).
     */
    private static final class Streaming<E> extends StreamReaderDelegate {
        private final Streamed<E> streamed;
        private final Unmarshaller unmarshaller;
        private final List<String> open = new ArrayList<>();
        private int parents;
        private int children;

        private Streaming(XMLStreamReader reader, Streamed<E> streamed, JAXBContext context, StrictHandler handler)
                throws JAXBException {
            super(reader);
            this.streamed = streamed;
            this.unmarshaller = context.createUnmarshaller();
            this.unmarshaller.setEventHandler(handler);
            if (reader.getEventType() == START_ELEMENT) {
                open.add(reader.getLocalName()); // the Document element the outer unmarshaller starts on
            }
        }

        @Override
        public int next() throws XMLStreamException {
            int event = super.next();
            while (event == START_ELEMENT && open.size() == streamed.path().size() && atStreamedPath()) {
                E element;
                try {
                    element = unmarshaller.unmarshal(getParent(), streamed.type()).getValue();
                } catch (JAXBException e) {
                    throw new StreamedElementRefused(e);
                }
                streamed.sink().accept(element, parents, ++children);
                event = getEventType();
            }
            track(event);
            return event;
        }

        /** The reader is on a start tag one below the streamed element's parent: is it the streamed element? */
        private boolean atStreamedPath() {
            List<String> path = streamed.path();
            return getLocalName().equals(path.get(path.size() - 1)) && open.subList(1, open.size()).equals(path.subList(0, path.size() - 1));
        }

        private void track(int event) {
            if (event == START_ELEMENT) {
                open.add(getLocalName());
                List<String> path = streamed.path();
                if (open.size() == path.size() && open.subList(1, open.size()).equals(path.subList(0, path.size() - 1))) {
                    parents++;
                    children = 0;
                }
            } else if (event == END_ELEMENT && !open.isEmpty()) {
                open.remove(open.size() - 1);
            }
        }
    }

    /** A streamed element that did not bind, carried through the outer unmarshaller to {@link #malformed}. */
    private static final class StreamedElementRefused extends RuntimeException {
        private StreamedElementRefused(JAXBException cause) {
            super(cause);
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
