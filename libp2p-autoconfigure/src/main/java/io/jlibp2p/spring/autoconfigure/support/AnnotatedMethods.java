package io.jlibp2p.spring.autoconfigure.pubsub;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Finds the {@link PubsubListener} methods of every bean as it is initialised; the
 * {@link PubsubListenerContainer} turns them into listeners when the application starts.
 * It only collects, so that it needs no other bean and every bean passes through it.
 */
public class PubsubListenerMethodProcessor implements BeanPostProcessor {

	private final List<Found> found = new CopyOnWriteArrayList<>();

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		Class<?> type = AopUtils.getTargetClass(bean);
		Map<Method, PubsubListener> annotated = MethodIntrospector.selectMethods(type,
				(MethodIntrospector.MetadataLookup<PubsubListener>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, PubsubListener.class));
		annotated.forEach((method, annotation) -> this.found
			.add(new Found(bean, type, AopUtils.selectInvocableMethod(method, bean.getClass()), annotation)));
		return bean;
	}

	/**
	 * Returns the listener methods found so far.
	 * @return the methods, in the order their beans were initialised
	 */
	List<Found> found() {
		return List.copyOf(this.found);
	}

	/**
	 * A listener method.
	 *
	 * @param bean the bean, possibly a proxy
	 * @param type the bean's own class
	 * @param method the method to call on {@code bean}
	 * @param annotation its annotation
	 */
	record Found(Object bean, Class<?> type, Method method, PubsubListener annotation) {
	}

}
