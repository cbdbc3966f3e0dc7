"use client";
import { createContext, useContext } from "react";

export const FieldErrorsContext = createContext<Record<string, string[] | undefined>>({});

export function useFieldErrors(name: string): string[] | undefined {
  return useContext(FieldErrorsContext)[name];
}
