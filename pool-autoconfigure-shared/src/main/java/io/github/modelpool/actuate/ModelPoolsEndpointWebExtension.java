package io.github.modelpool.actuate;

import java.util.Map;

import io.github.modelpool.actuate.ModelPoolsEndpoint.MemberDescriptor;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;
import org.springframework.lang.Nullable;

/**
 * HTTP answers of the {@code modelpools} member actions: 404 for an unknown pool or
 * member, 400 naming the allowed actions for an unknown one.
 */
@EndpointWebExtension(endpoint = ModelPoolsEndpoint.class)
// Spring Boot 3.5 reads only Spring's own @Nullable, deprecated in Spring Framework 7, as
// "optional" on an operation parameter.
@SuppressWarnings("deprecation")
public class ModelPoolsEndpointWebExtension {

	private final ModelPoolsEndpoint delegate;

	public ModelPoolsEndpointWebExtension(ModelPoolsEndpoint delegate) {
		this.delegate = delegate;
	}

	@WriteOperation
	public WebEndpointResponse<Object> memberAction(@Selector String pool, @Selector String member,
			@Nullable String action) {
		try {
			MemberDescriptor descriptor = this.delegate.memberAction(pool, member, action);
			return (descriptor != null) ? new WebEndpointResponse<>(descriptor)
					: new WebEndpointResponse<>(Map.of("error", this.delegate.notFound(pool, member)),
							WebEndpointResponse.STATUS_NOT_FOUND);
		}
		catch (InvalidEndpointRequestException ex) {
			return new WebEndpointResponse<>(Map.of("error", ex.getReason(), "allowed", ModelPoolsEndpoint.ACTIONS),
					WebEndpointResponse.STATUS_BAD_REQUEST);
		}
	}

}
