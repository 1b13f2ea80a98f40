package io.jlibp2p.spring.autoconfigure.support;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Finds the methods of every bean that carry an annotation, as each bean is initialised;
 * a container turns them into listeners or handlers when the application starts. It only
 * collects, so that it needs no other bean and every bean passes through it.
 *
 * @param <A> the annotation
 */
public class AnnotatedMethods<A extends Annotation> implements BeanPostProcessor {

	private final Class<A> annotation;

	private final List<Found<A>> found = new CopyOnWriteArrayList<>();

	/**
	 * Creates the processor.
	 * @param annotation the annotation to look for
	 */
	public AnnotatedMethods(Class<A> annotation) {
		this.annotation = annotation;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		Class<?> type = AopUtils.getTargetClass(bean);
		Map<Method, A> annotated = MethodIntrospector.selectMethods(type,
				(MethodIntrospector.MetadataLookup<A>) (method) -> AnnotatedElementUtils.findMergedAnnotation(method,
						this.annotation));
		annotated.forEach((method, found) -> this.found
			.add(new Found<>(bean, type, AopUtils.selectInvocableMethod(method, bean.getClass()), found)));
		return bean;
	}

	/**
	 * Returns the methods found so far.
	 * @return the methods, in the order their beans were initialised
	 */
	public List<Found<A>> found() {
		return List.copyOf(this.found);
	}

	/**
	 * An annotated method.
	 *
	 * @param <A> the annotation
	 * @param bean the bean, possibly a proxy
	 * @param type the bean's own class
	 * @param method the method to call on {@code bean}
	 * @param annotation its annotation
	 */
	public record Found<A extends Annotation>(Object bean, Class<?> type, Method method, A annotation) {
	}

}
