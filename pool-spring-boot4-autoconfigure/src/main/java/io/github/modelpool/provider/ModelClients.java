package io.github.modelpool.provider;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.BeanFactory;

/**
 * What every declared model is built with, whatever its provider.
 *
 * @param observationRegistry registry of Spring AI's model observations
 * @param beanFactory where RestClient-based models find the application's HTTP client
 * builders; SDK-based models need none
 * @param resources where SDK clients are registered to be closed with the context
 */
record ModelClients(ObservationRegistry observationRegistry, BeanFactory beanFactory, ModelResources resources) {
}
