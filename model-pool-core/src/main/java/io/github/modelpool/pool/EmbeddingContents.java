package io.github.modelpool.pool;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;

/**
 * What an embedding model embeds of a document: Spring AI 2.0's
 * {@code EmbeddingModel.getEmbeddingContent(Document)}, which models override (OpenAI's
 * adds metadata to the text), called by reflection so the core runs on Spring AI 1.1
 * too, where {@code EmbeddingModel} embeds a document's text.
 */
final class EmbeddingContents {

	/** The interface that declares the method on Spring AI 2.0, for native images. */
	static final String REFLECTED_TYPE = "org.springframework.ai.embedding.EmbeddingModel";

	/** The interface's method: invoked on a model, it runs the model's own. */
	private static final Method METHOD = interfaceMethod();

	private EmbeddingContents() {
	}

	/**
	 * The text a model embeds of a document.
	 * @param model the model
	 * @param document the document
	 * @return the model's content of it on Spring AI 2.0, else its text
	 */
	static String of(EmbeddingModel model, Document document) {
		if (METHOD == null) {
			return document.getText();
		}
		try {
			return (String) METHOD.invoke(model, document);
		}
		catch (InvocationTargetException ex) {
			Throwable cause = ex.getCause();
			throw (cause instanceof RuntimeException runtime) ? runtime
					: new IllegalStateException("could not read what " + model + " embeds of a document", cause);
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException("could not read what " + model + " embeds of a document", ex);
		}
	}

	private static Method interfaceMethod() {
		try {
			return EmbeddingModel.class.getMethod("getEmbeddingContent", Document.class);
		}
		catch (NoSuchMethodException ex) {
			return null;
		}
	}

}
