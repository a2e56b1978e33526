package io.github.modelpool.provider;

import java.util.ArrayDeque;
import java.util.Deque;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The provider SDK clients that declared models were built with, closed with the
 * application context (their HTTP clients hold threads and connections that would
 * otherwise outlive it: the AWS SDK's event loop, for one, keeps the JVM running).
 */
final class ModelResources implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(ModelResources.class);

	private final Deque<AutoCloseable> resources = new ArrayDeque<>();

	/**
	 * Close a resource when the context closes.
	 * @param <T> its type
	 * @param resource the resource
	 * @return the resource
	 */
	synchronized <T extends AutoCloseable> T closeOnShutdown(T resource) {
		this.resources.push(resource);
		return resource;
	}

	/** Close every resource, the latest first; one that fails to close is logged. */
	@Override
	public synchronized void close() {
		while (!this.resources.isEmpty()) {
			AutoCloseable resource = this.resources.pop();
			try {
				resource.close();
			}
			catch (Exception ex) {
				logger.warn("Could not close " + resource.getClass().getName() + " of a declared model", ex);
			}
		}
	}

}
